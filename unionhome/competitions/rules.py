"""Figures the competition rules use. Sport scoring follows the sports' own rules; the prize ratio is the
welfare policy's (regulations rule 19), checked by ``funds.services.prize_check``."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("competitions.chess_points", ["1", "0.5", "0"], source=gettext_lazy("国际通行棋类记分：胜1分、和½分、负0分（可按竞赛规程改为2/1/0）"),
        effective="2011-01-01", label=gettext_lazy("棋类胜/和/负得分"))
declare("competitions.volleyball_set", [25, 15], source=gettext_lazy("国际排联《排球竞赛规则》第6.1条：每局25分、决胜局15分，须领先2分"),
        effective="2017-01-01", label=gettext_lazy("排球每局/决胜局分数"))
declare("competitions.table_tennis_set", [11, 11], source=gettext_lazy("国际乒联《乒乓球竞赛规则》2.11：每局11分，10平后领先2分"),
        effective="2001-09-01", label=gettext_lazy("乒乓球每局分数"))
declare("competitions.table_tennis_match_points", "2,2,1,1",
        source=gettext_lazy("国际乒联《乒乓球竞赛规则》3.7.5.1：循环赛胜一场得2分，负一场得1分"), effective="2001-09-01",
        label=gettext_lazy("乒乓球场分"))
declare("competitions.match_points", "3,2,1,0", source=gettext_lazy("国际排联竞赛规程：3-0/3-1胜3分、3-2胜2分、2-3负1分、0-3/1-3负0分"),
        effective="2017-01-01", label=gettext_lazy("排球场分"))

"""Figures the election rules use (regulations §1.4–§1.6), each with its source and date."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("elections.competition_percent", 5,
        source=gettext_lazy("差额率不低于5%：《工会基层组织选举工作条例》(2016)（引自kuaisou《增补委员选举办法》；复旦大学工会选举程序）"
               "（regulations §1.4）"), effective="2016-10-09", label=gettext_lazy("委员差额比例（%，向上取整，至少多1人）"))
declare("elections.single_candidate_purposes", ["chair", "vice_chair"],
        source=gettext_lazy("选举办法范本：主席、副主席、经审主任实行等额选举（wenke99 p-6237186；regulations §1.4，待核实）"),
        effective="2016-10-09", label=gettext_lazy("允许等额（单一候选人名单）的职务"))
declare("elections.quorum", [2, 3],
        source=gettext_lazy("《工会基层组织选举工作条例》第17条：到会人数不少于应到会人数的三分之二（引自kuaisou；regulations §1.5）"),
        effective="2016-10-09", label=gettext_lazy("选举有效的最低到会比例（分子, 分母）"))
declare("elections.elected_base", "entitled",
        source=gettext_lazy("候选人获得赞成票超过应到会人数的半数始得当选（kuaisou、gaoziwenku范本；regulations §1.5）"),
        effective="2016-10-09", label=gettext_lazy("当选票数基数：entitled=应到会, present=实到会, valid=有效票"))
declare("elections.elected_ratio", [1, 2],
        source=gettext_lazy("同上：赞成票超过半数（regulations §1.5）"), effective="2016-10-09",
        label=gettext_lazy("当选须超过的比例（分子, 分母）"))
declare("elections.shortfall_action", "another_round",
        source=gettext_lazy("当选人数不足：另行选举（wenke99范本）或缺额不补（gaoziwenku范本）（regulations §1.5）"),
        effective="2016-10-09", label=gettext_lazy("当选不足时：another_round=另行选举, vacant=缺额"))
declare("elections.chair_elected_by", "committee",
        source=gettext_lazy("主席、副主席可由会员（代表）大会直接选举，也可由委员会选举（条例第3条；章程(2013)第27条）"),
        effective="2016-10-09", label=gettext_lazy("主席、副主席由谁选举：congress=大会, committee=委员会"))
declare("elections.by_election_days", 90,
        source=gettext_lazy("委员出缺应在3个月内按原程序补选（市总工会2015年指导意见，zhgh.org.cn；regulations §1.6）"),
        effective="2015-07-01", label=gettext_lazy("出缺后应完成补选的天数"))
declare("elections.candidate_photo_max_bytes", 2 * 1024 * 1024, source=gettext_lazy("本系统上传文件规定（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("候选人照片大小上限（字节）"))

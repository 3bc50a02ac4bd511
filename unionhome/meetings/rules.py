"""Figures the meeting rules read (docs/rules.md; every one overridable per union from a date on).

Quorum is written ``">1/2"`` (more than half of those invited must be present) or ``">=2/3"`` (at least two
thirds). The congress figure follows the 2/3 quorum the 条例 sets for a 大会's votes (docs/rules.md §1.5); the
committee figures follow democratic centralism as the 章程 applies it to committees (more than half of the members
present); the group and joint-meeting figures are the union's own configuration."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("meetings.quorum", {
    "committee": ">1/2", "special": ">1/2", "women": ">1/2", "audit": ">1/2",
    "congress": ">=2/3", "group": ">1/2", "joint": ">1/2",
}, source=gettext_lazy("委员会会议须半数以上委员出席（《中国工会章程》民主集中制原则，本会配置）；会员（代表）大会须三分之二以上出席"
                       "（《工会基层组织选举工作条例》第17条，docs/rules.md §1.5）；小组会、联席会议为本会配置"),
        effective="2016-10-09", label=gettext_lazy("各类会议的法定到会人数"))
declare("meetings.adopt_ratio", ">1/2",
        source=gettext_lazy("表决事项须经到会人员过半数赞成方为通过（民主集中制，本会配置）"),
        effective="2016-10-09", label=gettext_lazy("决定通过所需赞成票"))
declare("meetings.special_meeting_by_month", 6,
        source=gettext_lazy("本会每年至少召开一次工会工作专题会议（docs/union-year.md）；提醒月份为本会配置"),
        effective="2026-01-01", label=gettext_lazy("专题会议最迟召开月份（提醒）"))
declare("meetings.congress_by_month", 10,
        source=gettext_lazy("会员（代表）大会每年至少召开一次，须报告经费收支和经审工作（《中国工会章程》第26条，docs/rules.md 规则14）；"
                            "提醒月份为本会配置"),
        effective="2013-10-22", label=gettext_lazy("会员（代表）大会最迟召开月份（提醒）"))
declare("meetings.scan_max_bytes", 10 * 1024 * 1024, source=gettext_lazy("本会配置：签字纪要扫描件不超过10MB"),
        effective="2026-01-01", label=gettext_lazy("纪要扫描件大小上限"))

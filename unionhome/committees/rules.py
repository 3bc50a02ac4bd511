from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare(
    "committees.seat_ranges",
    # [max members (inclusive, null = no limit), min seats, max seats]
    [[10, 1, 1], [25, 3, 3], [100, 3, 5], [200, 5, 7], [500, 7, 9], [1000, 9, 15], [5000, 15, 21],
     [10000, 21, 29], [50000, 29, 37], [None, 37, 45]],
    source=gettext_lazy("深圳福田区总工会常见问题：基层工会委员会委员名额（regulations §1.3，待以2016年《条例》核对）"),
    effective="2016-10-09",
    label=gettext_lazy("委员会委员名额（按会员人数）"),
)
declare("committees.women_committee_min_women", 10,
        source=gettext_lazy("《工会女职工委员会工作条例》第11条（regulations §1.8）"), effective="2009-09-01",
        label=gettext_lazy("须设女职工委员会的女会员人数"))
declare("committees.members_congress_max_members", 100,
        source=gettext_lazy("《中国工会章程》(2013) 第26条：会员不足100人的应召开会员大会"), effective="2013-10-22",
        label=gettext_lazy("须召开会员大会的会员人数上限"))
declare("committees.committee_min_members", 25,
        source=gettext_lazy("《工会法》第11条：会员25人以上应当建立基层工会委员会"), effective="2021-12-24",
        label=gettext_lazy("须建立委员会的会员人数"))
declare("committees.allowed_term_years", [3, 5], source=gettext_lazy("《工会法》(2021) 第16条"), effective="2021-12-24",
        label=gettext_lazy("任期（年）"))
declare("committees.term_warning_months", 6, source=gettext_lazy("本平台默认（regulations 规则9）"), effective="2026-01-01",
        label=gettext_lazy("换届提醒提前月数"))
declare("committees.recall_ratio", [1, 2],
        source=gettext_lazy("《工会法》(2021) 第18条：罢免工会主席、副主席，非经会员大会全体会员或者会员代表大会全体代表过半数通过，不得罢免"),
        effective="2021-12-24", label=gettext_lazy("罢免主席、副主席须超过的全体会员（代表）比例（分子, 分母）"))
declare("committees.election_window_months", 6,
        source=gettext_lazy("《中国工会章程》(2013) 第26条：按期换届，提前或延期须报上一级工会批准；按期的范围为届满前若干月（本平台默认，"
               "与换届提醒一致，regulations 规则9）"), effective="2026-01-01",
        label=gettext_lazy("届满前可按期换届的月数（更早或届满后须上级批准）"))

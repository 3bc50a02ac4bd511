"""The demo union's year of suggestions (合理化建议): submitted by members and a group leader, in every state —
done and rated, being implemented, noted, not adopted with its reason, assigned, and one past its answer date."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from unionhome.core.demo_photos import demo_photo
from unionhome.suggestions import services
from unionhome.suggestions.models import Suggestion, SuggestionStep

# login, days ago, title, category, anonymous, on behalf of the leader's group, text
ROWS = [
    ("huiyuan", 200, "食堂增加晚餐", "welfare", False, False, "加班的同事晚上没有地方吃饭，建议食堂周一至周四供应简单晚餐。"),
    ("zuzhang", 150, "办公区增设自行车棚", "management", False, True, "院内自行车、电动车无处停放，雨天淋湿，建议在东侧空地建车棚并设充电桩。"),
    ("kuaiji", 120, "差旅报销改为线上办理", "work", False, False, "纸质报销单要跑多个科室签字，建议用OA流程线上审批。"),
    ("bangfu", 90, "增设母婴室", "welfare", True, False, "哺乳期同事没有合适的地方，建议在二楼设一间母婴室。"),
    ("jingshen", 70, "会议室改为对外出租", "management", False, False, "会议室使用率不高，建议对外出租增加收入。"),
    ("nvgong", 20, "开展工间操", "union", False, False, "长时间伏案工作，建议每天上午10点开展十分钟工间操。"),
    ("huiyuan", 45, "电梯维保记录公示", "safety", True, False, "电梯近来常出故障，建议在轿厢内公示维保记录和责任人。"),
]


def _back_date(s: Suggestion, on: dt.date) -> None:
    """The demo is built in one go: its rows get the day they stand for (created_at is set on insert)."""
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(9, 30)))
    Suggestion.objects.filter(pk=s.pk).update(created_at=at)
    SuggestionStep.objects.filter(suggestion=s, kind="submitted").update(created_at=at)


PHOTOGRAPHED = {"办公区增设自行车棚"}  # the author's photos of where the shed could go


def build(ctx) -> None:
    users = ctx.users
    made = {}
    for login, ago, title, category, anonymous, for_group, text in ROWS:
        on = ctx.today - dt.timedelta(days=ago)
        user = users[login]
        group = None
        if for_group:
            from unionhome.accounts.models import RoleAssignment

            group = RoleAssignment.objects.get(user=user, union=ctx.union, role="group_leader").group
        s = services.suggestion_submit(actor=user, union=ctx.union, title=title, text=text, category=category,
                                       anonymous=anonymous, group=group, on=on,
                                       photos=[demo_photo(40), demo_photo(41)] if title in PHOTOGRAPHED else ())
        _back_date(s, on)
        made[title] = s
    officer, chair = users["weiyuan"], ctx.chair_user
    for title in ("食堂增加晚餐", "办公区增设自行车棚", "差旅报销改为线上办理", "增设母婴室", "会议室改为对外出租", "开展工间操"):
        services.suggestion_assign(actor=chair, suggestion=made[title], assignee=officer)
    answers = [
        ("食堂增加晚餐", "adopted", "经与机关事务服务中心商定，自下月起周一至周四18:00供应晚餐，每餐8元。", ""),
        ("办公区增设自行车棚", "proposal", "已列入今年职工代表提案，由办公室牵头实施。", ""),
        ("差旅报销改为线上办理", "noted", "财政局OA系统升级时一并考虑，留作参考。", ""),
        ("增设母婴室", "adopted", "采纳，二楼205室改建为母婴室。", ""),
        ("会议室改为对外出租", "not_adopted", "感谢建议。",
         "机关办公用房按规定不得出租出借（《党政机关办公用房管理办法》），不予采纳。"),
    ]
    for title, outcome, answer, reason in answers:
        services.suggestion_answer(actor=officer, suggestion=made[title], outcome=outcome, answer=answer, reason=reason)
    services.suggestion_progress(actor=officer, suggestion=made["食堂增加晚餐"], note="已招聘厨师一名，试运行一周。")
    services.suggestion_progress(actor=officer, suggestion=made["食堂增加晚餐"], note="晚餐已正常供应。", done=True,
                                 on=ctx.today - dt.timedelta(days=150))
    services.suggestion_progress(actor=officer, suggestion=made["办公区增设自行车棚"], note="车棚已招标，下月施工。")
    services.suggestion_rate(actor=users["huiyuan"], suggestion=made["食堂增加晚餐"], rating=5, note="晚餐很实惠")
    services.suggestion_rate(actor=users["kuaiji"], suggestion=made["差旅报销改为线上办理"], rating=3)

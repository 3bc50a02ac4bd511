import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.panels import collect_alerts
from unionhome.core.permissions import UnionContext, perms_for_roles
from unionhome.core.testing import images
from unionhome.notifications.models import Notification
from unionhome.suggestions import queries, services
from unionhome.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def submit(cast, role="member", **kw):
    data = {"title": "食堂增加晚餐", "text": "加班的同事晚上没有地方吃饭，建议食堂周一至周四供应晚餐。", "category": "welfare"}
    data.update(kw)
    return services.suggestion_submit(actor=cast.users[role], union=cast.union, **data)


def answered(cast, outcome="adopted", **kw):
    s = submit(cast, **kw)
    services.suggestion_assign(actor=cast.users["chair"], suggestion=s, assignee=cast.users["committee"])
    return services.suggestion_answer(actor=cast.users["committee"], suggestion=s, outcome=outcome,
                                      answer="已与机关事务中心商定，下月起供应晚餐。")


def ctx_for(cast, role):
    roles = frozenset({role})
    return UnionContext(user=cast.users[role], union=cast.union, roles=roles, perms=perms_for_roles(roles))


def test_a_member_submits_and_the_answer_is_due_within_the_rule_figure(cast):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0), tick=False):
        s = submit(cast)
    assert (s.year, s.number, s.code, s.status) == (2026, 1, "2026-001", "submitted")
    assert s.author == cast.workers["member"] and s.answer_due == dt.date(2026, 4, 1)  # 30 days (suggestions.answer_days)
    assert submit(cast, title="第二条").number == 2
    assert AuditEntry.objects.filter(action="suggestions.suggestion.submitted", target_id=str(s.pk)).exists()


def test_the_author_is_told_at_every_step(cast):
    s = answered(cast)
    services.suggestion_progress(actor=cast.users["committee"], suggestion=s, note="已招聘厨师")
    services.suggestion_progress(actor=cast.users["committee"], suggestion=s, note="4月1日起供应", done=True)
    events = list(Notification.objects.filter(recipient=cast.users["member"]).order_by("id").values_list("event", flat=True))
    assert events == ["suggestions.assigned", "suggestions.answered", "suggestions.progress", "suggestions.done"]
    s.refresh_from_db()
    assert s.status == "done" and s.done_on is not None
    assert [st.kind for st in s.steps.all()] == ["submitted", "assigned", "answered", "progress", "done"]


def test_not_adopted_needs_a_reason(cast):
    s = submit(cast)
    with pytest.raises(RuleViolation) as exc:
        services.suggestion_answer(actor=cast.users["committee"], suggestion=s, outcome="not_adopted", answer="不采纳")
    assert exc.value.code == "reason_required"
    services.suggestion_answer(actor=cast.users["committee"], suggestion=s, outcome="not_adopted", answer="不采纳",
                               reason="食堂场地已满，无法扩建")
    assert Suggestion.objects.get(pk=s.pk).outcome == "not_adopted"


def test_a_suggestion_is_answered_once(cast):
    s = answered(cast)
    with pytest.raises(Conflict):
        services.suggestion_answer(actor=cast.users["chair"], suggestion=s, outcome="noted", answer="再答一次")


def test_only_the_author_rates_once_and_only_after_the_answer(cast):
    s = submit(cast)
    with pytest.raises(Conflict) as exc:
        services.suggestion_rate(actor=cast.users["member"], suggestion=s, rating=5)
    assert exc.value.code == "not_answered"
    services.suggestion_answer(actor=cast.users["committee"], suggestion=s, outcome="noted", answer="留作参考")
    with pytest.raises(RuleViolation) as exc:
        services.suggestion_rate(actor=cast.users["chair"], suggestion=s, rating=5)
    assert exc.value.code == "not_author"
    services.suggestion_rate(actor=cast.users["member"], suggestion=s, rating=4, note="答复及时")
    with pytest.raises(Conflict) as exc:
        services.suggestion_rate(actor=cast.users["member"], suggestion=s, rating=1)
    assert exc.value.code == "already_rated"
    assert Suggestion.objects.get(pk=s.pk).rating == 4


def test_only_adopted_or_proposals_are_tracked_to_done(cast):
    s = answered(cast, outcome="noted")
    with pytest.raises(Conflict):
        services.suggestion_progress(actor=cast.users["committee"], suggestion=s, note="x")


def test_the_assignee_must_be_an_officer(cast):
    s = submit(cast)
    with pytest.raises(RuleViolation) as exc:
        services.suggestion_assign(actor=cast.users["chair"], suggestion=s, assignee=cast.users["member"])
    assert exc.value.code == "assignee_not_officer"


def test_a_group_leader_submits_only_for_the_group_they_lead(cast):
    s = submit(cast, role="group_leader", group=cast.groups[0])
    assert s.group == cast.groups[0] and s.shown_author == f"李四（{cast.groups[0].name}）"
    with pytest.raises(RuleViolation) as exc:
        submit(cast, role="group_leader", group=cast.groups[1])
    assert exc.value.code == "not_group_leader"
    with pytest.raises(RuleViolation):
        submit(cast, role="member", group=cast.groups[0])


def test_anonymous_hides_the_name_from_the_committee_and_the_board_but_not_from_the_author(cast, client_for):
    s = submit(cast, anonymous=True, title="匿名建议")
    assert s.author == cast.workers["member"] and s.shown_author == "匿名"
    services.suggestion_answer(actor=cast.users["committee"], suggestion=s, outcome="noted", answer="感谢")
    for role in ("chair", "committee", "auditor"):
        page = client_for(cast.users[role]).get(reverse("suggestions:detail", args=[s.pk])).content.decode()
        assert "张三" not in page and "匿名" in page
        board = client_for(cast.users[role]).get(reverse("suggestions:board")).content.decode()
        assert "张三" not in board
    api = client_for(cast.users["chair"]).get(f"/api/v1/suggestions/{s.pk}").json()
    assert api["author"] == "匿名" and "张三" not in str(api)
    mine = client_for(cast.users["member"]).get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert "本人提出" in mine
    assert Notification.objects.filter(recipient=cast.users["member"], event="suggestions.answered").exists()


def test_photos_are_checked_and_limited(cast):
    s = submit(cast, photos=[SimpleUploadedFile("a.png", images.PNG)])
    assert s.photos.count() == 1
    with pytest.raises(RuleViolation) as exc:
        submit(cast, photos=[SimpleUploadedFile("a.png", b"not an image at all")])
    assert exc.value.code == "photo_not_image"
    with pytest.raises(RuleViolation) as exc:
        submit(cast, photos=[SimpleUploadedFile(f"{i}.png", images.PNG) for i in range(5)])
    assert exc.value.code == "too_many_photos"


def test_overdue_answers_warn_the_committee_on_the_dashboard(cast):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0), tick=False):
        submit(cast)
    with time_machine.travel(dt.datetime(2026, 4, 1, 10, 0), tick=False):
        assert not [a for a in collect_alerts(ctx_for(cast, "chair")) if a.code == "suggestions_overdue"]
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, 0), tick=False):
        assert [a for a in collect_alerts(ctx_for(cast, "chair")) if a.code == "suggestions_overdue"]
        assert not [a for a in collect_alerts(ctx_for(cast, "member")) if a.code == "suggestions_overdue"]


def test_the_board_counts_by_status(cast):
    answered(cast)
    submit(cast, title="第二条")
    counts = {c["status"]: c["n"] for c in queries.status_counts(cast.union)}
    assert counts == {"submitted": 1, "assigned": 0, "answered": 1, "implementing": 0, "done": 0}


def test_the_year_export_is_an_xlsx_without_anonymous_names(cast, client_for):
    from python_calamine import CalamineWorkbook

    submit(cast, anonymous=True, title="匿名建议")
    answered(cast)
    response = client_for(cast.users["chair"]).get(reverse("suggestions:export"))
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(__import__("io").BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert len(rows) == 3 and "匿名" in [r[3] for r in rows] and rows[2][3] == "张三"
    assert AuditEntry.objects.filter(action="suggestions.year.exported").exists()


def test_pages_submit_answer_and_rate(cast, client_for):
    r = client_for(cast.users["member"]).post(reverse("suggestions:new"), {
        "title": "增加自行车棚", "text": "院内自行车无处停放。", "category": "management"})
    assert r.status_code == 302
    s = Suggestion.objects.get(title="增加自行车棚")
    chair = client_for(cast.users["chair"])
    chair.post(reverse("suggestions:assign", args=[s.pk]), {"assignee": cast.users["committee"].pk})
    r = chair.post(reverse("suggestions:answer", args=[s.pk]), {"outcome": "not_adopted", "answer": "不采纳"}, follow=True)
    assert "不予采纳须写明理由" in r.content.decode()
    chair.post(reverse("suggestions:answer", args=[s.pk]), {"outcome": "adopted", "answer": "下月建成"})
    client_for(cast.users["member"]).post(reverse("suggestions:rate", args=[s.pk]), {"rating": "5"})
    s.refresh_from_db()
    assert (s.status, s.assignee, s.rating) == ("answered", cast.users["committee"], 5)


def test_the_api_runs_the_same_way(cast, client_for):
    def member():
        return client_for(cast.users["member"])

    def chair():
        return client_for(cast.users["chair"])

    r = member().post("/api/v1/suggestions", {"title": "午休室", "text": "建议设午休室", "category": "welfare"},
                      content_type="application/json")
    assert r.status_code == 201, r.content
    sid = r.json()["id"]
    r = member().post(f"/api/v1/suggestions/{sid}/photos", {"photo": SimpleUploadedFile("p.png", images.PNG)})
    assert r.status_code == 201 and len(r.json()["photo_ids"]) == 1
    r = chair().post(f"/api/v1/suggestions/{sid}/answer", {"outcome": "not_adopted", "answer": "否"},
                     content_type="application/json")
    assert (r.status_code, r.json()["code"]) == (422, "reason_required")
    r = chair().post(f"/api/v1/suggestions/{sid}/answer", {"outcome": "proposal", "answer": "立案"},
                     content_type="application/json")
    assert r.json()["status"] == "answered"
    r = chair().post(f"/api/v1/suggestions/{sid}/rate", {"rating": 5}, content_type="application/json")
    assert (r.status_code, r.json()["code"]) == (422, "not_author")
    assert member().post(f"/api/v1/suggestions/{sid}/rate", {"rating": 5},
                         content_type="application/json").json()["rating"] == 5
    board = member().get("/api/v1/suggestions").json()
    assert {c["status"]: c["n"] for c in board["counts"]}["answered"] == 1

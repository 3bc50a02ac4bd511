"""The API runs the same rules as the pages; list pages keep their query count as rows grow."""
import datetime as dt

from django.urls import reverse

from unionhome.meetings import services
from unionhome.meetings.tests.factories import adopted, held, item


def test_the_api_refuses_a_decision_without_quorum_with_its_code(cast, client_for):
    m = held(cast, present=1)
    it = item(cast, m)
    chair = client_for(cast.users["chair"])
    url = reverse("api:meetings_decision_add", kwargs={"meeting_id": m.pk, "item_id": it.pk})
    response = chair.post(url, {"text": "决定", "outcome": "adopted", "owner_id": cast.workers["committee"].pk,
                                "due_on": "2026-06-30"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "quorum_not_met"


def test_the_api_runs_a_meeting_to_its_minutes(cast, client_for):
    from unionhome.meetings.tests.factories import union_term

    union_term(cast)
    chair = client_for(cast.users["chair"])
    created = chair.post(reverse("api:meetings_create"), {"kind": "special", "title": "专题会议",
                                                          "held_on": "2026-03-20"}, content_type="application/json")
    assert created.status_code == 201
    mid = created.json()["id"]
    chair.post(reverse("api:meetings_attendance_rest", kwargs={"meeting_id": mid}), {"status": "present"},
               content_type="application/json")
    detail = chair.post(reverse("api:meetings_item_add", kwargs={"meeting_id": mid}), {"title": "议题"},
                        content_type="application/json").json()
    assert detail["quorum"]["met"] is True
    item_id = detail["items"][0]["id"]
    owner_missing = chair.post(reverse("api:meetings_decision_add", kwargs={"meeting_id": mid, "item_id": item_id}),
                               {"text": "通过", "outcome": "adopted", "due_on": "2026-06-30"},
                               content_type="application/json")
    assert owner_missing.status_code == 422 and owner_missing.json()["code"] == "owner_required"
    closed = chair.post(reverse("api:meetings_close", kwargs={"meeting_id": mid}), {}, content_type="application/json")
    assert closed.json()["status"] == "closed"
    minutes = chair.get(reverse("api:meetings_minutes", kwargs={"meeting_id": mid}))
    assert minutes.status_code == 200 and minutes["Content-Type"].startswith("application/vnd.openxmlformats")


def test_members_read_the_current_rules_but_not_the_meetings(cast, client_for):
    services.regulation_create(actor=None, union=cast.union, kind="room", title="活动室管理制度",
                               text="一、周五下午开放。", effective_on=dt.date(2025, 1, 1))
    member = client_for(cast.users["member"])
    assert member.get(reverse("api:meetings_regulations")).json()[0]["current"]["text"] == "一、周五下午开放。"
    assert member.get(reverse("meetings:list")).status_code == 403


def test_the_meeting_list_and_the_rules_library_keep_their_query_count(cast, client_for):
    chair = client_for(cast.users["chair"])

    def count(name):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert chair.get(reverse(name) + "?year=2026").status_code == 200
        return len(ctx)

    adopted(cast)
    services.regulation_create(actor=None, union=cast.union, kind="room", title="制度0", text="一。",
                               effective_on=dt.date(2025, 1, 1))
    before = {name: count(name) for name in ("meetings:list", "meetings:regulations", "meetings:decisions")}
    for i in range(3):
        adopted(cast, held(cast, title=f"会议{i}"))
    for i in range(1, 4):
        services.regulation_create(actor=None, union=cast.union, kind="room", title=f"制度{i}", text="一。",
                                   effective_on=dt.date(2025, 1, 1))
    assert {name: count(name) for name in before} == before

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
from unionhome.disclosures import queries, services
from unionhome.disclosures.models import Inspection, Rectification

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 1)


def item(cast, title="工会主席工作职责", **kw):
    data = {"kind": "duties", "publisher": "机关工会委员会", "place": "board", "content": "一、主持工会委员会全面工作。",
            "published_on": DAY}
    data.update(kw)
    return services.item_create(actor=cast.users["chair"], union=cast.union, title=title, **data)


def inspection(cast, *, kind="scheduled", inspectors=("auditor",), on=DAY, of=None):
    return services.inspection_plan(actor=cast.users["chair"], union=cast.union, kind=kind, planned_on=on,
                                    inspectors=[cast.users[r] for r in inspectors], reinspection_of=of)


def with_rectification(cast):
    it = item(cast)
    first = inspection(cast)
    finding = services.finding_record(actor=cast.users["auditor"], inspection=first, item=it, text="公开栏内容未更新",
                                      demand="一周内更换为新版", owner=cast.workers["committee"],
                                      deadline=DAY + dt.timedelta(days=7))
    services.inspection_finish(actor=cast.users["auditor"], inspection=first, summary="基本符合，一项整改")
    return it, first, finding.rectification


def ctx_for(cast, role):
    roles = frozenset({role})
    return UnionContext(user=cast.users[role], union=cast.union, roles=roles, perms=perms_for_roles(roles))


def codes(cast, role="chair"):
    return {a.code for a in collect_alerts(ctx_for(cast, role))}


def test_a_revision_keeps_every_version_and_restarts_the_review_clock(cast):
    it = item(cast)
    assert (it.version, it.review_on) == (1, dt.date(2027, 3, 1))  # disclosures.review_months = 12
    it = services.item_revise(actor=cast.users["chair"], item=it, content="一、主持全面工作。二、联系职工。",
                              note="增加联系职工", published_on=dt.date(2026, 9, 1))
    assert (it.version, it.review_on) == (2, dt.date(2027, 9, 1))
    assert [(v.number, v.note) for v in it.versions.all()] == [(2, "增加联系职工"), (1, "首次公开")]
    assert it.versions.get(number=1).content == "一、主持工会委员会全面工作。"
    with pytest.raises(RuleViolation):
        services.item_revise(actor=cast.users["chair"], item=it, content="x", note="")


def test_items_past_their_review_date_warn(cast):
    it = item(cast)
    with time_machine.travel(dt.datetime(2027, 3, 1, 10, 0), tick=False):
        assert "disclosures_review_overdue" not in codes(cast)
    with time_machine.travel(dt.datetime(2027, 3, 2, 10, 0), tick=False):
        assert "disclosures_review_overdue" in codes(cast)
        assert "disclosures_review_overdue" not in codes(cast, "member")
        services.item_reviewed(actor=cast.users["chair"], item=it)
        assert "disclosures_review_overdue" not in codes(cast)


def test_the_checklist_covers_every_published_item(cast):
    item(cast)
    item(cast, title="会费收缴标准", kind="funds")
    i = inspection(cast)
    assert i.checks.count() == 2 and set(i.checks.values_list("result", flat=True)) == {"pending"}


def test_only_the_inspections_inspectors_record(cast):
    item(cast)
    i = inspection(cast)
    with pytest.raises(RuleViolation) as exc:
        services.finding_record(actor=cast.users["committee"], inspection=i, text="问题")
    assert exc.value.code == "not_inspector"
    with pytest.raises(RuleViolation) as exc:
        services.check_record(actor=cast.users["chair"], check=i.checks.get(), result="ok")
    assert exc.value.code == "not_inspector"


def test_a_rectification_needs_an_owner_and_a_deadline(cast):
    i = inspection(cast)
    with pytest.raises(RuleViolation) as exc:
        services.finding_record(actor=cast.users["auditor"], inspection=i, text="问题", demand="整改")
    assert exc.value.code == "rectification_incomplete"


def test_a_finding_marks_its_item_and_keeps_photos(cast):
    it = item(cast)
    i = inspection(cast)
    f = services.finding_record(actor=cast.users["auditor"], inspection=i, item=it, text="字迹褪色",
                                photos=[SimpleUploadedFile("p.png", images.PNG)])
    assert f.photos.count() == 1 and i.checks.get().result == "problem"
    assert AuditEntry.objects.filter(action="disclosures.finding.recorded").exists()


def test_an_inspection_finishes_only_with_its_checklist_done(cast):
    item(cast)
    i = inspection(cast)
    with pytest.raises(RuleViolation) as exc:
        services.inspection_finish(actor=cast.users["auditor"], inspection=i, summary="完成")
    assert exc.value.code == "checklist_incomplete"
    services.check_record(actor=cast.users["auditor"], check=i.checks.get(), result="ok")
    services.inspection_finish(actor=cast.users["auditor"], inspection=i, summary="完成")
    with pytest.raises(Conflict):
        services.finding_record(actor=cast.users["auditor"], inspection=i, text="晚了")


def test_only_a_reinspection_of_that_inspection_closes_a_rectification(cast):
    it, first, r = with_rectification(cast)
    surprise = inspection(cast, kind="surprise", on=DAY + dt.timedelta(days=10))
    with pytest.raises(RuleViolation) as exc:
        services.rectification_close(actor=cast.users["auditor"], rectification=r, inspection=surprise)
    assert exc.value.code == "needs_reinspection"
    with pytest.raises(RuleViolation) as exc:
        services.rectification_close(actor=cast.users["auditor"], rectification=r, inspection=first)
    assert exc.value.code == "needs_reinspection"
    again = inspection(cast, kind="reinspection", inspectors=("women_committee",), on=DAY + dt.timedelta(days=8), of=first)
    assert [c.item for c in again.checks.all()] == [it]  # the re-inspection checks what is to be put right
    with pytest.raises(RuleViolation):
        services.rectification_close(actor=cast.users["auditor"], rectification=r, inspection=again)
    services.rectification_close(actor=cast.users["women_committee"], rectification=r, inspection=again, note="已更换")
    r.refresh_from_db()
    assert (r.status, r.closed_by) == ("closed", again)
    assert again.checks.get().result == "ok"
    with pytest.raises(Conflict):
        services.rectification_close(actor=cast.users["women_committee"], rectification=r, inspection=again)


def test_a_reinspection_names_the_inspection_it_follows(cast):
    with pytest.raises(RuleViolation) as exc:
        inspection(cast, kind="reinspection")
    assert exc.value.code == "reinspection_needs_original"


def test_overdue_rectifications_warn_until_closed(cast):
    _it, first, r = with_rectification(cast)
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, 0), tick=False):
        assert "disclosures_rectification_overdue" in codes(cast)
        again = inspection(cast, kind="reinspection", on=dt.date(2026, 3, 9), of=first)
        services.rectification_close(actor=cast.users["auditor"], rectification=r, inspection=again)
        assert "disclosures_rectification_overdue" not in codes(cast)


def test_a_scheduled_inspection_is_due_by_the_cadence(cast):
    item(cast)
    assert queries.inspection_due(cast.union, DAY) == dt.date(2026, 9, 1)  # disclosures.inspection_months = 6
    with time_machine.travel(dt.datetime(2026, 9, 2, 10, 0), tick=False):
        assert "disclosures_inspection_due" in codes(cast)
    i = inspection(cast, on=dt.date(2026, 8, 20))
    services.check_record(actor=cast.users["auditor"], check=i.checks.get(), result="ok")
    services.inspection_finish(actor=cast.users["auditor"], inspection=i, summary="符合", held_on=dt.date(2026, 8, 20))
    assert queries.inspection_due(cast.union, DAY) == dt.date(2027, 2, 20)
    with time_machine.travel(dt.datetime(2026, 9, 2, 10, 0), tick=False):
        assert "disclosures_inspection_due" not in codes(cast)


def test_pages_and_api_record_a_finding_and_close_it(cast, client_for):
    it = item(cast)
    chair = client_for(cast.users["chair"])
    r = chair.post(reverse("disclosures:inspection_new"), {"kind": "surprise", "planned_on": "2026-03-05",
                                                            "inspectors": [cast.users["auditor"].pk]})
    assert r.status_code == 302
    i = Inspection.objects.get()
    auditor = client_for(cast.users["auditor"])
    auditor.post(reverse("disclosures:finding_add", args=[i.pk]), {
        "item": it.pk, "text": "未标明公开日期", "demand": "补标日期", "owner": cast.workers["committee"].pk,
        "deadline": "2026-03-12", "photos": [SimpleUploadedFile("p.png", images.PNG)]})
    rect = Rectification.objects.get()
    assert rect.finding.photos.count() == 1
    r = auditor.post(f"/api/v1/disclosures/inspections/{i.pk}/finish", {"summary": "一项整改"},
                     content_type="application/json")
    assert r.json()["status"] == "done"
    r = client_for(cast.users["chair"]).post("/api/v1/disclosures/inspections", {
        "kind": "reinspection", "planned_on": "2026-03-13", "inspector_ids": [cast.users["auditor"].pk],
        "reinspection_of_id": i.pk}, content_type="application/json")
    assert r.status_code == 201, r.content
    again = r.json()["id"]
    auditor = client_for(cast.users["auditor"])
    r = auditor.post(f"/api/v1/disclosures/rectifications/{rect.pk}/close", {"inspection_id": i.pk},
                     content_type="application/json")
    assert (r.status_code, r.json()["code"]) == (422, "needs_reinspection")
    auditor.post(reverse("disclosures:rectification_close", args=[again, rect.pk]), {"note": "已补标"})
    rect.refresh_from_db()
    assert rect.status == "closed"
    detail = client_for(cast.users["member"]).get(f"/api/v1/disclosures/items/{it.pk}").json()
    assert detail["review_on"] is None and detail["versions"][0]["number"] == 1

"""The meeting rules: invitees from the body, quorum, decisions, follow-up, minutes, congress reports."""
import datetime as dt

import pytest

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting
from unionhome.meetings import queries, services
from unionhome.meetings.models import Decision, Meeting
from unionhome.meetings.tests.factories import DAY, adopted, held, item, mark_all, meeting


def _decide(cast, it, **kw):
    args = dict(text="决定", outcome="adopted", owner=cast.workers["committee"], due_on=dt.date(2026, 6, 30))
    args.update(kw)
    return services.decision_record(actor=cast.users["chair"], item=it, **args)


def test_a_committee_meeting_invites_the_current_terms_officers(cast):
    m = meeting(cast)
    names = sorted(a.worker.name for a in m.attendees.select_related("worker"))
    assert names == sorted(["吴十", "王五", "冯二"])
    assert m.term is not None


def test_a_committee_meeting_needs_an_approved_term(cast):
    with pytest.raises(RuleViolation) as exc:
        services.meeting_create(actor=None, union=cast.union, kind="women", title="女职委会议", held_on=DAY)
    assert exc.value.code == "no_current_term"


def test_a_group_meeting_invites_the_groups_members(cast):
    m = meeting(cast, kind="group", group=cast.groups[1], title="第2小组会议")
    workers = {a.worker_id for a in m.attendees.all()}
    assert cast.workers["group2_worker"].pk in workers and cast.workers["member"].pk not in workers


def test_a_group_meeting_needs_its_group(cast):
    with pytest.raises(RuleViolation) as exc:
        meeting(cast, kind="group", title="小组会议")
    assert exc.value.code == "group_required"


def test_a_members_congress_invites_every_member_in_good_standing(cast):
    m = meeting(cast, kind="congress", title="2026年会员大会")
    assert m.attendees.count() == 11  # the cast's members of this union


def test_no_decision_before_attendance_is_taken(cast):
    m = meeting(cast)
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, item(cast, m))
    assert exc.value.code == "attendance_not_taken"


def test_a_decision_is_refused_without_quorum(cast):
    m = held(cast, present=1)  # 1 of 3: not more than half
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, item(cast, m))
    assert exc.value.code == "quorum_not_met"
    assert not Decision.objects.exists()


def test_quorum_is_more_than_half_of_the_committee(cast):
    m = held(cast, present=2)  # 2 of 3
    q = queries.quorum(m)
    assert (q.invited, q.present, q.needed, q.met) == (3, 2, 2, True)
    assert _decide(cast, item(cast, m), votes_for=2, votes_against=0, votes_abstain=0).outcome == "adopted"


def test_the_quorum_figure_is_configurable_per_union(cast):
    m = held(cast, present=2)
    RuleSetting.objects.create(union=cast.union, key="meetings.quorum", effective_from=dt.date(2026, 1, 1),
                               value={**queries.rule_value("meetings.quorum"), "special": ">=1"},
                               source="本会工会委员会议事规则")
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, item(cast, m))
    assert exc.value.code == "quorum_not_met"


def test_a_congress_needs_two_thirds(cast):
    m = meeting(cast, kind="congress", title="2026年会员大会")
    mark_all(cast, m, 7)  # 7 of 11 < 2/3
    assert not queries.quorum(m).met
    mark_all(cast, m, 8)  # 8 of 11 ≥ 2/3
    assert queries.quorum(m).met


def test_an_adopted_decision_needs_an_owner_and_a_due_date(cast):
    m = held(cast)
    it = item(cast, m)
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, it, owner=None)
    assert exc.value.code == "owner_required"
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, it, due_on=None)
    assert exc.value.code == "due_required"
    rejected = _decide(cast, it, outcome="rejected", owner=None, due_on=None)
    assert rejected.status == Decision.Status.DONE and rejected.owner is None


def test_votes_cannot_exceed_those_present(cast):
    m = held(cast, present=2)
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, item(cast, m), votes_for=2, votes_against=1, votes_abstain=0)
    assert exc.value.code == "votes_exceed_present"


def test_votes_must_carry_the_recorded_outcome(cast):
    m = held(cast)
    it = item(cast, m)
    with pytest.raises(RuleViolation) as exc:  # 1 of 3 present is not more than half
        _decide(cast, it, votes_for=1, votes_against=1, votes_abstain=1)
    assert exc.value.code == "votes_disagree_outcome"
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, it, outcome="rejected", votes_for=2, votes_against=1, votes_abstain=0, owner=None, due_on=None)
    assert exc.value.code == "votes_disagree_outcome"
    with pytest.raises(RuleViolation) as exc:
        _decide(cast, it, votes_for=2, votes_against=None, votes_abstain=None)
    assert exc.value.code == "votes_incomplete"


def test_a_decision_is_followed_up_until_done(cast):
    d = adopted(cast, due_on=dt.date(2026, 4, 1))
    assert list(queries.decisions_overdue(cast.union, today=dt.date(2026, 4, 2))) == [d]
    with pytest.raises(RuleViolation):
        services.decision_done(actor=cast.users["chair"], decision=d, note="")
    services.decision_done(actor=cast.users["chair"], decision=d, note="计划已印发各小组", on=dt.date(2026, 4, 3))
    assert not queries.decisions_overdue(cast.union, today=dt.date(2026, 4, 5)).exists()
    with pytest.raises(Conflict):
        services.decision_done(actor=cast.users["chair"], decision=d, note="again")


def test_minutes_close_only_after_everyone_is_marked_and_then_freeze(cast):
    m = meeting(cast)
    with pytest.raises(RuleViolation) as exc:
        services.meeting_close(actor=cast.users["chair"], meeting=m)
    assert exc.value.code == "attendance_not_taken"
    mark_all(cast, m, 3)
    services.meeting_close(actor=cast.users["chair"], meeting=m, summary="会议认为……")
    m.refresh_from_db()
    assert m.status == Meeting.Status.CLOSED
    with pytest.raises(Conflict) as exc:
        item(cast, m)
    assert exc.value.code == "meeting_closed"


def test_a_congress_closes_only_with_the_funds_and_audit_reports(cast):
    m = meeting(cast, kind="congress", title="2026年会员大会")
    mark_all(cast, m, 11)
    item(cast, m, title="", kind="funds_report")
    with pytest.raises(RuleViolation) as exc:
        services.meeting_close(actor=cast.users["chair"], meeting=m)
    assert exc.value.code == "congress_reports_missing"
    item(cast, m, title="", kind="audit_report")
    assert services.meeting_close(actor=cast.users["chair"], meeting=m).status == Meeting.Status.CLOSED


def test_the_reports_belong_to_a_congress(cast):
    with pytest.raises(RuleViolation) as exc:
        item(cast, meeting(cast), title="", kind="funds_report")
    assert exc.value.code == "report_congress_only"


def test_every_write_is_audited(cast):
    d = adopted(cast)
    actions = set(AuditEntry.objects.filter(action__startswith="meetings.").values_list("action", flat=True))
    assert {"meetings.meeting.created", "meetings.attendance.marked", "meetings.item.added",
            "meetings.decision.recorded"} <= actions
    services.decision_done(actor=cast.users["chair"], decision=d, note="done")
    assert AuditEntry.objects.filter(action="meetings.decision.done").exists()


def test_the_dashboard_warns_of_missing_special_meeting_congress_and_overdue_decisions(cast):
    codes = {w.code for w in queries.year_warnings(cast.union, today=dt.date(2026, 5, 31))}
    assert codes == set()
    codes = {w.code for w in queries.year_warnings(cast.union, today=dt.date(2026, 7, 1))}
    assert codes == {"meeting_special_missing"}
    adopted(cast, due_on=dt.date(2026, 6, 30))  # held 2026-03-20 with a decision due 30 June
    codes = {w.code for w in queries.year_warnings(cast.union, today=dt.date(2026, 10, 1))}
    assert codes == {"meeting_congress_missing", "meeting_decisions_overdue"}


def test_the_special_meeting_month_is_configurable(cast):
    RuleSetting.objects.create(union=cast.union, key="meetings.special_meeting_by_month", value=3,
                               effective_from=dt.date(2026, 1, 1), source="本会工作要点")
    codes = {w.code for w in queries.year_warnings(cast.union, today=dt.date(2026, 4, 1))}
    assert "meeting_special_missing" in codes


def test_the_minutes_document_is_a4_with_the_letterhead_and_the_record(cast):
    import io

    from docx import Document

    d = adopted(cast)
    content = services.minutes_export(actor=cast.users["chair"], meeting=d.item.meeting)
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "测试机关工会"
    assert "应到3人，实到3人" in text and "通过2026年工作计划" in text and "王五" in text
    assert round(doc.sections[0].page_width.mm) == 210
    assert AuditEntry.objects.filter(action="meetings.minutes.downloaded").exists()


def test_the_signed_scan_is_checked_and_attached_only_to_final_minutes(cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    m = held(cast)
    pdf = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4\n%signed\n", content_type="application/pdf")
    with pytest.raises(Conflict):
        services.scan_attach(actor=cast.users["chair"], meeting=m, upload=pdf)
    services.meeting_close(actor=cast.users["chair"], meeting=m)
    fake = SimpleUploadedFile("纪要.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(RuleViolation) as exc:
        services.scan_attach(actor=cast.users["chair"], meeting=m, upload=fake)
    assert exc.value.code == "scan_type"
    services.scan_attach(actor=cast.users["chair"], meeting=m, upload=pdf)
    m.refresh_from_db()
    assert m.scan.name.endswith(".pdf") and "纪要" not in m.scan.name


def test_the_rest_are_marked_present_with_one_tap(cast):
    m = meeting(cast, kind="congress", title="2026年会员大会")
    first = m.attendees.order_by("id").first()
    services.attendance_mark(actor=None, attendee=first, status="leave")
    assert services.attendance_mark_rest(actor=None, meeting=m) == 10
    q = queries.quorum(m)
    assert (q.present, q.leave, q.unmarked) == (10, 1, 0)

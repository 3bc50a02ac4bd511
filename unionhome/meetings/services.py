"""Writes to meetings, regulations and goals. Every write is audited in its own transaction.

Rules enforced here (tests in ``tests/test_services.py``, ``tests/test_regulations.py``):
- a meeting invites its body: the current term of its committee, the group's members, the representatives;
- attendance is present / leave / absent; a decision needs the body's quorum (``meetings.quorum``) and, where
  voted, votes that add up (no more than present) and agree with the outcome (``meetings.adopt_ratio``);
- an adopted decision has an owner and a due date, and is followed up until done;
- minutes close only when everyone's attendance is taken; a congress closes only with the funds report and the
  经审 report on its agenda (docs/rules.md rule 14);
- a regulation's versions take effect one after another (a new version's date is after the last one's), each
  adopted, when cited, by an adopted decision of a meeting held no later than that date.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.core import uploads
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.meetings import queries
from unionhome.meetings.models import AgendaItem, Attendee, Decision, Goal, Meeting, Regulation, RegulationVersion

SCAN = uploads.Accept(kinds=(uploads.JPEG, uploads.PNG, uploads.PDF),
                      wrong_type=("scan_type", gettext_lazy("纪要扫描件只能是 JPG、PNG 图片或 PDF 文件")),
                      too_large=("scan_too_large", gettext_lazy("文件过大：不能超过{mb}MB")),
                      name_mismatch=gettext_lazy("文件内容与扩展名不符：只能上传真实的图片或 PDF"))


def _same_union(obj, union, code: str, message: str) -> None:
    if obj is not None and obj.union_id != union.pk:
        raise RuleViolation(code, message)


def _open(meeting: Meeting) -> Meeting:
    """The meeting locked for a change; refused once its minutes are final."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议纪要已定稿，不能再修改"))
    return meeting


@transaction.atomic
def meeting_create(*, actor, union, kind: str, title: str, held_on: dt.date, place: str = "", group=None,
                   chaired_by=None, recorded_by=None) -> Meeting:
    """Open a meeting and invite its body: a committee's current (approved) term, the group's members, or the
    congress's representatives (every member in good standing where the union holds a 会员大会)."""
    if kind not in Meeting.Kind.values:
        raise RuleViolation("kind_invalid", _("会议类别无效"), field="kind")
    if not title.strip():
        raise RuleViolation("title_required", _("请填写会议名称"), field="title")
    for person, field in ((chaired_by, "chaired_by"), (recorded_by, "recorded_by")):
        _same_union(person, union, "worker_other_union", _("人员不属于本工会"))
    term = None
    if kind in queries.COMMITTEE_OF_KIND:
        term = queries.current_term(union, queries.COMMITTEE_OF_KIND[kind])
        if term is None:
            raise RuleViolation("no_current_term", _("该委员会没有经批复的本届委员，无法确定参会人员"), field="kind")
        group = None
    elif kind == Meeting.Kind.GROUP:
        if group is None:
            raise RuleViolation("group_required", _("小组会议须选择工会小组"), field="group")
        _same_union(group, union, "group_other_union", _("工会小组不属于本工会"))
    else:
        group = None
    meeting = Meeting.objects.create(union=union, kind=kind, title=title.strip(), held_on=held_on,
                                     place=place.strip(), group=group, term=term, chaired_by=chaired_by,
                                     recorded_by=recorded_by)
    people = queries.invitees(union, kind, term=term, group=group)
    Attendee.objects.bulk_create([Attendee(union=union, meeting=meeting, worker=w) for w in people])
    audit_log(actor=actor, action="meetings.meeting.created", target=meeting,
              after={**snapshot(meeting), "invited": [w.pk for w in people]})
    return meeting


@transaction.atomic
def attendee_add(*, actor, meeting: Meeting, worker) -> Attendee:
    """Invite one more person (a Party branch member at a joint meeting, a guest of the group)."""
    meeting = _open(meeting)
    _same_union(worker, meeting.union, "worker_other_union", _("人员不属于本工会"))
    if meeting.attendees.filter(worker=worker).exists():
        raise Conflict("already_invited", _("%(name)s 已在参会名单中") % {"name": worker.name})
    attendee = Attendee.objects.create(union=meeting.union, meeting=meeting, worker=worker)
    audit_log(actor=actor, action="meetings.attendee.added", target=meeting, after={"worker": worker.pk})
    return attendee


@transaction.atomic
def attendance_mark(*, actor, attendee: Attendee, status: str) -> Attendee:
    """One tap per person: present, on leave or absent. Taking attendance means the meeting is being held."""
    if status not in (Attendee.Status.PRESENT, Attendee.Status.LEAVE, Attendee.Status.ABSENT):
        raise RuleViolation("attendance_invalid", _("出席情况只能是出席、请假或缺席"))
    meeting = _open(attendee.meeting)
    attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
    before = attendee.status
    attendee.status = status
    attendee.save(update_fields=["status", "updated_at"])
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.attendance.marked", target=meeting,
              before={"worker": attendee.worker_id, "status": before},
              after={"worker": attendee.worker_id, "status": status})
    return attendee


@transaction.atomic
def attendance_mark_rest(*, actor, meeting: Meeting, status: str = Attendee.Status.PRESENT) -> int:
    """Everyone not yet marked gets ``status`` at once (a congress of two hundred: mark the few on leave, then the
    rest present with one tap). Returns how many were marked."""
    if status not in (Attendee.Status.PRESENT, Attendee.Status.LEAVE, Attendee.Status.ABSENT):
        raise RuleViolation("attendance_invalid", _("出席情况只能是出席、请假或缺席"))
    meeting = _open(meeting)
    workers = list(meeting.attendees.filter(status=Attendee.Status.INVITED).values_list("worker_id", flat=True))
    meeting.attendees.filter(status=Attendee.Status.INVITED).update(status=status, updated_at=timezone.now())
    if meeting.status == Meeting.Status.PLANNED and workers:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.attendance.marked_rest", target=meeting,
              after={"status": status, "workers": workers})
    return len(workers)


@transaction.atomic
def agenda_item_add(*, actor, meeting: Meeting, title: str, kind: str = AgendaItem.Kind.ITEM,
                    notes: str = "") -> AgendaItem:
    meeting = _open(meeting)
    if kind not in AgendaItem.Kind.values:
        raise RuleViolation("item_kind_invalid", _("议题类别无效"), field="kind")
    if kind in (AgendaItem.Kind.FUNDS_REPORT, AgendaItem.Kind.AUDIT_REPORT) and \
            meeting.kind != Meeting.Kind.CONGRESS:
        raise RuleViolation("report_congress_only", _("经费收支报告和经审报告在会员（代表）大会上报告"), field="kind")
    title = title.strip() or (AgendaItem.Kind(kind).label if kind != AgendaItem.Kind.ITEM else "")
    if not title:
        raise RuleViolation("item_title_required", _("请填写议题"), field="title")
    number = (meeting.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(union=meeting.union, meeting=meeting, number=number, kind=kind,
                                     title=str(title)[:200], notes=notes.strip())
    audit_log(actor=actor, action="meetings.item.added", target=meeting, after=snapshot(item))
    return item


@transaction.atomic
def agenda_item_notes(*, actor, item: AgendaItem, notes: str) -> AgendaItem:
    """Write down the discussion of an item for the minutes."""
    _open(item.meeting)
    before = item.notes
    item.notes = notes.strip()
    item.save(update_fields=["notes", "updated_at"])
    audit_log(actor=actor, action="meetings.item.noted", target=item.meeting,
              before={"item": item.pk, "notes": before}, after={"item": item.pk, "notes": item.notes})
    return item


def _check_votes(meeting: Meeting, present: int, outcome: str, votes: tuple) -> None:
    given = [v is not None for v in votes]
    if any(given) and not all(given):
        raise RuleViolation("votes_incomplete", _("表决的，赞成、反对、弃权票数都要填写"), field="votes_for")
    if not all(given):
        return
    if any(v < 0 for v in votes):
        raise RuleViolation("votes_negative", _("票数不能为负数"), field="votes_for")
    if sum(votes) > present:
        raise RuleViolation("votes_exceed_present", _("赞成、反对、弃权票合计（%(total)s）多于到会人数（%(present)s）")
                            % {"total": sum(votes), "present": present}, field="votes_for")
    ratio = queries.Ratio.parse(rule_value("meetings.adopt_ratio", union=meeting.union, on=meeting.held_on))
    carried = ratio.met(votes[0], present)
    if carried != (outcome == Decision.Outcome.ADOPTED):
        raise RuleViolation(
            "votes_disagree_outcome",
            _("赞成%(votes)s票，到会%(present)s人：至少%(needed)s票赞成才通过，与所填表决结果不符")
            % {"votes": votes[0], "present": present, "needed": ratio.needed(present)}, field="outcome")


@transaction.atomic
def decision_record(*, actor, item: AgendaItem, text: str, outcome: str, votes_for: int | None = None,
                    votes_against: int | None = None, votes_abstain: int | None = None, owner=None,
                    due_on: dt.date | None = None) -> Decision:
    """Record what the meeting decided on an item. No decision without the body's quorum (``meetings.quorum``);
    votes, when taken, add up to no more than those present and carry the outcome (``meetings.adopt_ratio``);
    an adopted decision names who carries it out and by when."""
    meeting = _open(item.meeting)
    if not text.strip():
        raise RuleViolation("decision_text_required", _("请填写决定事项"), field="text")
    if outcome not in Decision.Outcome.values:
        raise RuleViolation("outcome_invalid", _("表决结果无效"), field="outcome")
    q = queries.quorum(meeting)
    if q.unmarked:
        raise RuleViolation("attendance_not_taken", _("还有%(n)s人未点名，先完成点名再作决定") % {"n": q.unmarked})
    if not q.met:
        raise RuleViolation("quorum_not_met", _("应到%(invited)s人，实到%(present)s人，不足法定人数（至少%(needed)s人），不能作出决定")
                            % {"invited": q.invited, "present": q.present, "needed": q.needed})
    _check_votes(meeting, q.present, outcome, (votes_for, votes_against, votes_abstain))
    if outcome == Decision.Outcome.ADOPTED:
        if owner is None:
            raise RuleViolation("owner_required", _("通过的决定须指定责任人"), field="owner")
        if due_on is None:
            raise RuleViolation("due_required", _("通过的决定须填写完成期限"), field="due_on")
        _same_union(owner, meeting.union, "worker_other_union", _("责任人不属于本工会"))
        if due_on < meeting.held_on:
            raise RuleViolation("due_before_meeting", _("完成期限不能早于会议日期"), field="due_on")
    else:
        owner, due_on = None, None
    decision = Decision.objects.create(union=meeting.union, item=item, text=text.strip(), outcome=outcome,
                                       votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain,
                                       owner=owner, due_on=due_on,
                                       status=Decision.Status.OPEN if owner else Decision.Status.DONE)
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.decision.recorded", target=meeting, after=snapshot(decision))
    return decision


@transaction.atomic
def decision_done(*, actor, decision: Decision, on: dt.date | None = None, note: str = "") -> Decision:
    """Follow-up: the owner's report that an adopted decision has been carried out."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.outcome != Decision.Outcome.ADOPTED or decision.status != Decision.Status.OPEN:
        raise Conflict("decision_not_open", _("该决定不在落实中"))
    if not note.strip():
        raise RuleViolation("done_note_required", _("请说明落实情况"), field="note")
    before = snapshot(decision)
    decision.status = Decision.Status.DONE
    decision.done_on = on or timezone.localdate()
    decision.done_note = note.strip()
    decision.save(update_fields=["status", "done_on", "done_note", "updated_at"])
    audit_log(actor=actor, action="meetings.decision.done", target=decision, before=before, after=snapshot(decision))
    return decision


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting, summary: str = "") -> Meeting:
    """Finalise the minutes: attendance taken for everyone; a congress has heard the funds report and the 经审
    report (docs/rules.md rule 14)."""
    meeting = _open(meeting)
    q = queries.quorum(meeting)
    if q.unmarked or not q.invited:
        raise RuleViolation("attendance_not_taken", _("还有%(n)s人未点名，先完成点名再定稿") % {"n": q.unmarked})
    if meeting.kind == Meeting.Kind.CONGRESS:
        kinds = set(meeting.items.values_list("kind", flat=True))
        missing = [AgendaItem.Kind(k).label for k in (AgendaItem.Kind.FUNDS_REPORT, AgendaItem.Kind.AUDIT_REPORT)
                   if k not in kinds]
        if missing:
            raise RuleViolation("congress_reports_missing", _("会员（代表）大会议程缺少：%(items)s")
                                % {"items": _("、").join(str(m) for m in missing)})
    before = snapshot(meeting)
    meeting.status = Meeting.Status.CLOSED
    if summary.strip():
        meeting.summary = summary.strip()
    meeting.save(update_fields=["status", "summary", "updated_at"])
    audit_log(actor=actor, action="meetings.meeting.closed", target=meeting, before=before, after=snapshot(meeting))
    return meeting


@transaction.atomic
def scan_attach(*, actor, meeting: Meeting, upload) -> Meeting:
    """Attach the signed minutes (scan or photo, checked by its bytes, stored under a generated name)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.CLOSED:
        raise Conflict("meeting_not_closed", _("纪要定稿后才能上传签字扫描件"))
    kind = uploads.upload_check(upload, accept=SCAN, field="scan",
                                max_bytes=rule_value("meetings.scan_max_bytes", union=meeting.union))
    old = meeting.scan.name
    uploads.upload_store(meeting.scan, upload, kind)
    meeting.scan_name = (getattr(upload, "name", "") or "").strip()[-200:]
    meeting.save(update_fields=["scan", "scan_name", "updated_at"])
    audit_log(actor=actor, action="meetings.scan.attached", target=meeting, before={"scan": old},
              after={"scan": meeting.scan.name, "name": meeting.scan_name, "size": upload.size})
    return meeting


def minutes_export(*, actor, meeting: Meeting) -> bytes:
    """The minutes as .docx; each download is audited."""
    from unionhome.meetings.documents import minutes_document

    content = minutes_document(queries.meeting_view(meeting))
    with transaction.atomic():
        audit_log(actor=actor, action="meetings.minutes.downloaded", target=meeting, after={"bytes": len(content)})
    return content


# --- The rules library ---------------------------------------------------------------------------------------

def _check_adoption(union, decision: Decision | None, effective_on: dt.date) -> None:
    if decision is None:
        return
    _same_union(decision, union, "decision_other_union", _("会议决定不属于本工会"))
    if decision.outcome != Decision.Outcome.ADOPTED:
        raise RuleViolation("decision_not_adopted", _("只能引用已通过的会议决定"), field="decision")
    if decision.item.meeting.held_on > effective_on:
        raise RuleViolation("decision_after_effective", _("施行日期不能早于通过该版本的会议日期"), field="effective_on")


@transaction.atomic
def regulation_create(*, actor, union, kind: str, title: str, text: str, effective_on: dt.date,
                      decision: Decision | None = None, note: str = "") -> Regulation:
    if kind not in Regulation.Kind.values:
        raise RuleViolation("regulation_kind_invalid", _("制度类别无效"), field="kind")
    if not title.strip():
        raise RuleViolation("regulation_title_required", _("请填写制度名称"), field="title")
    if Regulation.objects.filter(union=union, title=title.strip()).exists():
        raise Conflict("regulation_exists", _("已有同名制度“%(title)s”") % {"title": title.strip()}, field="title")
    regulation = Regulation.objects.create(union=union, kind=kind, title=title.strip())
    audit_log(actor=actor, action="meetings.regulation.created", target=regulation, after=snapshot(regulation))
    regulation_version_add(actor=actor, regulation=regulation, text=text, effective_on=effective_on,
                           decision=decision, note=note)
    return regulation


@transaction.atomic
def regulation_version_add(*, actor, regulation: Regulation, text: str, effective_on: dt.date,
                           decision: Decision | None = None, note: str = "") -> RegulationVersion:
    """A new wording in force from ``effective_on``: versions follow one another, never overlap (the date is after
    the last version's), and the text differs from the last one."""
    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    if not text.strip():
        raise RuleViolation("regulation_text_required", _("请填写制度正文"), field="text")
    last = regulation.versions.order_by("-number").first()
    if last is not None:
        if effective_on <= last.effective_on:
            raise RuleViolation("version_dates_overlap",
                                _("新版本的施行日期须晚于第%(number)s版的施行日期（%(date)s）")
                                % {"number": last.number, "date": last.effective_on.isoformat()}, field="effective_on")
        if text.strip() == last.text.strip():
            raise RuleViolation("version_unchanged", _("正文与现行版本相同"), field="text")
    _check_adoption(regulation.union, decision, effective_on)
    version = RegulationVersion.objects.create(union=regulation.union, regulation=regulation,
                                               number=(last.number + 1) if last else 1, text=text.strip(),
                                               effective_on=effective_on, decision=decision, note=note.strip())
    audit_log(actor=actor, action="meetings.regulation.version_added", target=regulation, after=snapshot(version))
    return version


# --- Goals of the committee members ----------------------------------------------------------------------------

@transaction.atomic
def goal_set(*, actor, union, worker, year: int, text: str) -> Goal:
    """A committee member's goal for the year (docs/union-year.md: goals per committee member)."""
    if not text.strip():
        raise RuleViolation("goal_text_required", _("请填写目标"), field="text")
    _same_union(worker, union, "worker_other_union", _("人员不属于本工会"))
    if not queries.committee_members(union, year=year).filter(pk=worker.pk).exists():
        raise RuleViolation("goal_not_committee_member", _("%(name)s 在%(year)s年没有担任委员会职务")
                            % {"name": worker.name, "year": year}, field="worker")
    goal = Goal.objects.create(union=union, worker=worker, year=year, text=text.strip())
    audit_log(actor=actor, action="meetings.goal.set", target=goal, after=snapshot(goal))
    return goal


@transaction.atomic
def goal_status_set(*, actor, goal: Goal, status: str) -> Goal:
    if status not in Goal.Status.values:
        raise RuleViolation("goal_status_invalid", _("状态无效"), field="status")
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    before = snapshot(goal)
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.goal.updated", target=goal, before=before, after=snapshot(goal))
    return goal

"""Group study: plans, weekly sessions, attendance and reflections (issue 11 §1).

Who may record: the chair, a committee member or the admin for any group; a group leader for the groups they
lead (their ``group_leader`` role assignment for that group). Every write is audited in its transaction.
"""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.accounts.queries import holds_role
from unionhome.core import cncalendar, uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.permissions import Role
from unionhome.core.rules import rule_value
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker
from unionhome.study.models import Attendance, PlanTopic, Reflection, SessionPhoto, StudyPlan, StudySession

RECORDERS = (Role.CHAIR, Role.COMMITTEE, Role.ADMIN)
FILES = uploads.Accept(kinds=(*uploads.IMAGES, uploads.PDF),
                       wrong_type=("file_not_allowed", gettext_lazy("只能上传 PDF 或图片（JPG、PNG、GIF、WebP）")),
                       too_large=("file_too_large", gettext_lazy("文件不能超过 {mb} MB")))


def may_record(actor, group) -> bool:
    """The chair, a committee member, the admin, or this group's leader (``actor=None``: the platform)."""
    if actor is None:
        return True
    return (holds_role(actor, group.union_id, RECORDERS)  # the union by its key: no query for the union row
            or holds_role(actor, group.union_id, Role.GROUP_LEADER, group=group))


def _check_may_record(actor, group) -> None:
    if not may_record(actor, group):
        raise RuleViolation("not_group_leader", gettext("只有本小组组长或工会委员会可以记录本小组的学习"))


def group_members(group):
    """Who studies in a group: its members in the union now (retired members keep membership but not the study)."""
    return (Worker.objects.filter(union_id=group.union_id, group=group, membership__status=MembershipStatus.ACTIVE)
            .order_by("name_pinyin", "id"))


# --- Plans ----------------------------------------------------------------------------------------

def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and not link.startswith(("/", "http://", "https://")):
        raise RuleViolation("bad_link", gettext("链接应以 / 或 http(s):// 开头"), field="link")
    return link


@transaction.atomic
def plan_create(*, actor, union, year: int, group=None, title: str = "", copy_from: StudyPlan | None = None
                ) -> StudyPlan:
    """A group's (or the union's) plan for a year, optionally copying the weekly topics of another plan of the
    union: the union's plan for this year, or the group's plan of a previous year."""
    if group is not None and group.union_id != union.pk:
        raise RuleViolation("group_other_union", gettext("工会小组不属于该工会"))
    if copy_from is not None and copy_from.union_id != union.pk:
        raise RuleViolation("plan_other_union", gettext("只能复制本工会的学习计划"))
    if group is not None:
        _check_may_record(actor, group)
    if StudyPlan.objects.filter(union=union, group=group, year=year).exists():
        raise Conflict("plan_exists", gettext("该年度的学习计划已存在"))
    title = title or (gettext("%(group)s %(year)s年学习计划") % {"group": group, "year": year} if group
                      else gettext("%(year)s年全会学习计划") % {"year": year})
    plan = StudyPlan.objects.create(union=union, group=group, year=year, title=title[:120])
    if copy_from is not None:
        PlanTopic.objects.bulk_create([
            PlanTopic(union=union, plan=plan, week=t.week, topic=t.topic, material=t.material, link=t.link,
                      file=t.file.name, content_type=t.content_type) for t in copy_from.topics.all()])
    audit_log(actor=actor, action="study.plan.created", target=plan,
              after={"year": year, "group": group.pk if group else None, "copied_from": copy_from.pk if copy_from else None,
                     "topics": plan.topics.count()})
    return plan


@transaction.atomic
def topic_set(*, actor, plan: StudyPlan, week: int, topic: str, material: str = "", link: str = "", upload=None
              ) -> PlanTopic:
    """Set the topic of one week of a plan (a file: PDF or picture, checked by its bytes)."""
    if plan.group_id:
        _check_may_record(actor, plan.group)
    elif actor is not None and not holds_role(actor, plan.union, RECORDERS):
        raise RuleViolation("not_officer", gettext("只有工会委员会可以修改全会学习计划"))
    if not 1 <= week <= 53:
        raise RuleViolation("bad_week", gettext("周次应在 1 到 53 之间"), field="week")
    row = PlanTopic.objects.filter(plan=plan, week=week).first() or PlanTopic(union=plan.union, plan=plan, week=week)
    before = {"topic": row.topic, "material": row.material, "link": row.link} if row.pk else None
    row.topic, row.material, row.link = topic.strip()[:200], material.strip(), _check_link(link)
    if not row.topic:
        raise RuleViolation("topic_required", gettext("请填写学习内容"), field="topic")
    if upload is not None:
        kind = uploads.upload_check(upload, accept=FILES, max_bytes=int(rule_value("study.file_max_bytes",
                                                                                    union=plan.union)))
        uploads.upload_store(row.file, upload, kind)
        row.content_type = kind.content_type
    row.save()
    audit_log(actor=actor, action="study.topic.set", target=row, before=before,
              after={"week": week, "topic": row.topic, "material": row.material, "link": row.link,
                     "file": row.file.name})
    return row


# --- Sessions -------------------------------------------------------------------------------------

def _is_skipped(day: dt.date, skip: set) -> bool:
    return day in skip or not cncalendar.is_workday(day)


@transaction.atomic
def series_create(*, actor, group, first_on: dt.date, weeks: int, place: str = "", skip=()) -> list[StudySession]:
    """One session a week for ``weeks`` weeks from ``first_on``, each on the same weekday; a week whose day is a
    statutory holiday (the State Council's notice, ``core.cncalendar``) or listed in ``skip`` has none. The
    topic is the group's plan's topic for that week (or the union's plan's), else left to the leader."""
    _check_may_record(actor, group)
    most = int(rule_value("study.series_max_weeks", union=group.union))
    if not 1 <= weeks <= most:
        raise RuleViolation("bad_weeks", gettext("周数应在 1 到 %(most)s 之间") % {"most": most}, field="weeks")
    skip = set(skip)
    days = [d for d in (first_on + dt.timedelta(weeks=i) for i in range(weeks)) if not _is_skipped(d, skip)]
    taken = set(StudySession.objects.filter(group=group, held_on__in=days).values_list("held_on", flat=True))
    topics = _plan_topics(group, {d.year for d in days})
    rows = [StudySession(union_id=group.union_id, group=group, held_on=d, place=place[:120],
                         topic=topics.get((d.year, d.isocalendar().week), gettext("政治理论学习")))
            for d in days if d not in taken]
    created = StudySession.objects.bulk_create(rows)
    audit_log(actor=actor, action="study.series.created", union=group.union, target=group,
              after={"group": group.pk, "first_on": first_on, "weeks": weeks, "created": len(created),
                     "skipped": sorted({first_on + dt.timedelta(weeks=i) for i in range(weeks)} - set(days))})
    return created


def _plan_topics(group, years) -> dict:
    """(year, week) → topic: the group's own plan first, the union's plan where the group has none."""
    out = {}
    rows = (PlanTopic.objects.filter(plan__union_id=group.union_id, plan__year__in=years, plan__group__isnull=True)
            .values_list("plan__year", "week", "topic"))
    out.update({(y, w): t for y, w, t in rows})
    rows = PlanTopic.objects.filter(plan__group=group, plan__year__in=years).values_list("plan__year", "week", "topic")
    out.update({(y, w): t for y, w, t in rows})
    return out


@transaction.atomic
def session_create(*, actor, group, held_on: dt.date, topic: str, place: str = "") -> StudySession:
    _check_may_record(actor, group)
    if StudySession.objects.filter(group=group, held_on=held_on).exists():
        raise Conflict("session_exists", gettext("本小组当天已有学习安排"))
    session = StudySession.objects.create(union_id=group.union_id, group=group, held_on=held_on,
                                          topic=topic.strip()[:200], place=place[:120])
    audit_log(actor=actor, action="study.session.created", target=session,
              after={"group": group.pk, "held_on": held_on, "topic": session.topic})
    return session


@transaction.atomic
def session_move(*, actor, session: StudySession, to: dt.date) -> StudySession:
    """Move one session (a meeting, a holiday the calendar does not know); the original day is kept."""
    session = StudySession.objects.select_for_update().get(pk=session.pk)
    _check_may_record(actor, session.group)
    if StudySession.objects.filter(group_id=session.group_id, held_on=to).exclude(pk=session.pk).exists():
        raise Conflict("session_exists", gettext("本小组当天已有学习安排"))
    before = session.held_on
    session.moved_from = session.moved_from or before
    session.held_on = to
    try:
        with transaction.atomic():
            session.save(update_fields=["held_on", "moved_from", "updated_at"])
    except IntegrityError:
        raise Conflict("session_exists", gettext("本小组当天已有学习安排")) from None
    audit_log(actor=actor, action="study.session.moved", target=session, before={"held_on": before},
              after={"held_on": to})
    return session


@transaction.atomic
def session_record(*, actor, session: StudySession, marks: dict, discussion: str = "", topic: str = "",
                   now=None) -> StudySession:
    """The leader's record: each member of the group present, on leave (the reason is required) or absent, and the
    discussion. ``marks`` maps a worker id to ``"present"`` / ``"absent"`` / ``("leave", reason)``; a member of
    the group left out counts as absent. Recording again replaces the marks (a late arrival corrected)."""
    session = StudySession.objects.select_for_update().select_related("group").get(pk=session.pk)
    _check_may_record(actor, session.group)
    now = now or timezone.now()
    if session.held_on > timezone.localtime(now).date():
        raise RuleViolation("session_in_future", gettext("学习尚未举行，不能记录考勤"))
    members = {w.pk: w for w in group_members(session.group)}
    already = set(session.attendance.values_list("worker_id", flat=True))
    unknown = set(marks) - set(members) - already
    if unknown:
        raise RuleViolation("not_in_group", gettext("考勤名单中有不属于本小组的人员"))
    rows = []
    for wid in sorted(set(members) | (already & set(marks))):
        value = marks.get(wid, Attendance.Mark.ABSENT)
        mark, reason = (value[0], (value[1] or "").strip()) if isinstance(value, (tuple, list)) else (value, "")
        if mark not in Attendance.Mark.values:
            raise RuleViolation("bad_mark", gettext("考勤只能是出席、请假或缺席"))
        if mark == Attendance.Mark.LEAVE and not reason:
            name = members[wid].name if wid in members else str(wid)
            raise RuleViolation("leave_needs_reason", gettext("%(name)s 请假，请填写原因") % {"name": name},
                                field="reason")
        rows.append(Attendance(union_id=session.union_id, session=session, worker_id=wid, mark=mark,
                               reason=reason[:200] if mark == Attendance.Mark.LEAVE else ""))
    before = {"status": session.status}
    if already:
        session.attendance.all().delete()
    Attendance.objects.bulk_create(rows)
    session.status = StudySession.Status.RECORDED
    session.discussion = discussion.strip()
    session.topic = (topic.strip() or session.topic)[:200]
    session.recorded_at, session.recorded_by = now, (actor if getattr(actor, "is_authenticated", False) else None)
    session.save(update_fields=["status", "discussion", "topic", "recorded_at", "recorded_by", "updated_at"])
    counts = {m: sum(1 for r in rows if r.mark == m) for m in Attendance.Mark.values}
    audit_log(actor=actor, action="study.session.recorded", target=session, before=before,
              after={"status": session.status, **counts, "discussion": session.discussion[:200]})
    return session


@transaction.atomic
def session_photo_add(*, actor, session: StudySession, upload) -> SessionPhoto:
    _check_may_record(actor, session.group)
    kind = uploads.upload_check(upload, accept=uploads.PHOTO,
                                max_bytes=int(rule_value("study.photo_max_bytes", union=session.union)))
    most = int(rule_value("study.photos_per_session", union=session.union))
    if SessionPhoto.objects.filter(session=session).count() >= most:
        raise RuleViolation("too_many_photos", gettext("每次学习最多 %(most)s 张照片") % {"most": most})
    photo = SessionPhoto(union_id=session.union_id, session=session, content_type=kind.content_type,
                         size=upload.size, uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    uploads.upload_store(photo.file, upload, kind)
    photo.save()
    audit_log(actor=actor, action="study.photo.added", target=photo, target_label=str(session),
              after={"file": photo.file.name, "size": photo.size})
    return photo


# --- Reflections ----------------------------------------------------------------------------------

@transaction.atomic
def reflection_submit(*, actor, session: StudySession, worker: Worker, text: str = "", upload=None) -> Reflection:
    """A member's reflection on a session of their own group, typed or as a photo of a handwritten page.
    Submitting again (after being asked to revise) replaces it and sends it back for review; an accepted one
    stays as accepted."""
    if worker.group_id != session.group_id or worker.union_id != session.union_id:
        raise RuleViolation("not_in_group", gettext("只能对本小组的学习提交心得体会"))
    if session.held_on > timezone.localdate():
        raise RuleViolation("session_in_future", gettext("学习尚未举行，不能提交心得体会"))
    text = (text or "").strip()
    if not text and upload is None:
        raise RuleViolation("reflection_empty", gettext("请填写心得体会或上传手写稿照片"), field="text")
    row = Reflection.objects.select_for_update().filter(session=session, worker=worker).first()
    if row is not None and row.status == Reflection.Status.ACCEPTED:
        raise Conflict("reflection_accepted", gettext("这篇心得体会已通过审阅，不能再修改"))
    row = row or Reflection(union_id=session.union_id, session=session, worker=worker)
    before = {"status": row.status, "text": row.text[:200]} if row.pk else None
    row.text, row.status, row.review_comment = text, Reflection.Status.SUBMITTED, ""
    if upload is not None:
        kind = uploads.upload_check(upload, accept=uploads.PHOTO,
                                    max_bytes=int(rule_value("study.photo_max_bytes", union=session.union)))
        uploads.upload_store(row.photo, upload, kind)
        row.content_type = kind.content_type
    row.save()
    audit_log(actor=actor, action="study.reflection.submitted", target=row, target_label=str(session),
              before=before, after={"status": row.status, "text": text[:200], "photo": row.photo.name})
    return row


@transaction.atomic
def reflection_review(*, actor, reflection: Reflection, accept: bool, comment: str = "", now=None) -> Reflection:
    """The group leader accepts a reflection, or asks for a revision, which needs a comment saying what to change."""
    row = (Reflection.objects.select_for_update(of=("self",)).select_related("session__group", "session__union", "worker")
           .get(pk=reflection.pk))
    _check_may_record(actor, row.session.group)
    comment = (comment or "").strip()
    if not accept and not comment:
        raise RuleViolation("comment_required", gettext("请写明需要修改的地方"), field="comment")
    if row.status != Reflection.Status.SUBMITTED:
        raise Conflict("not_submitted", gettext("这篇心得体会不在待审阅状态"))
    row.status = Reflection.Status.ACCEPTED if accept else Reflection.Status.REVISE
    row.review_comment = comment[:300]
    row.reviewed_at = now or timezone.now()
    row.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    row.save(update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"])
    audit_log(actor=actor, action="study.reflection.reviewed", target=row, target_label=str(row.session),
              before={"status": Reflection.Status.SUBMITTED}, after={"status": row.status, "comment": row.review_comment})
    from unionhome.study.events import tell_reviewed

    tell_reviewed(row)
    return row


@transaction.atomic
def reflections_accept_all(*, actor, session: StudySession, now=None) -> list[Reflection]:
    """The group leader accepts every reflection of a session still waiting for review with one tap (those to
    revise are sent back one by one, each with its comment). Each is audited; each member is told in their inbox."""
    session = StudySession.objects.select_related("group", "union").get(pk=session.pk)
    _check_may_record(actor, session.group)
    rows = list(Reflection.objects.select_for_update(of=("self",)).select_related("worker")
                .filter(session=session, status=Reflection.Status.SUBMITTED).order_by("pk"))
    if not rows:
        raise Conflict("nothing_to_review", gettext("没有待审阅的心得体会"))
    now = now or timezone.now()
    reviewer = actor if getattr(actor, "is_authenticated", False) else None
    for row in rows:
        row.session = session
        row.status, row.review_comment, row.reviewed_at, row.reviewed_by = (Reflection.Status.ACCEPTED, "", now,
                                                                              reviewer)
        row.updated_at = now
    Reflection.objects.bulk_update(rows, ["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"])
    for row in rows:
        audit_log(actor=actor, action="study.reflection.reviewed", target=row, target_label=str(session),
                  before={"status": Reflection.Status.SUBMITTED}, after={"status": row.status, "comment": ""})
    from unionhome.study.events import tell_accepted

    tell_accepted(session, [row.worker for row in rows])
    return rows

"""Education campaigns, officer training and the legal-education quiz (issue 11 §2)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.models import Worker
from unionhome.study.models import Campaign, CampaignEvent, Quiz, QuizAttempt, QuizQuestion, Training, TrainingRecord
from unionhome.study.services import FILES


def _check_period(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise RuleViolation("ends_before_start", gettext("结束日期不能早于开始日期"), field="ends_on")


def _check_workers(union, workers) -> list:
    workers = list(workers)
    if any(w.union_id != union.pk for w in workers):
        raise RuleViolation("worker_other_union", gettext("人员不属于本工会"))
    return workers


# --- Campaigns ------------------------------------------------------------------------------------

@transaction.atomic
def campaign_create(*, actor, union, theme: str, title: str, starts_on: dt.date, ends_on: dt.date,
                    description: str = "", groups=()) -> Campaign:
    """A campaign reaching the listed groups (none listed: the whole union)."""
    _check_period(starts_on, ends_on)
    if theme not in Campaign.Theme.values:
        raise RuleViolation("bad_theme", gettext("主题类别无效"), field="theme")
    groups = list(groups)
    if any(g.union_id != union.pk for g in groups):
        raise RuleViolation("group_other_union", gettext("工会小组不属于该工会"))
    campaign = Campaign.objects.create(union=union, theme=theme, title=title.strip()[:120], starts_on=starts_on,
                                       ends_on=ends_on, description=description.strip())
    campaign.groups.set(groups)
    audit_log(actor=actor, action="study.campaign.created", target=campaign,
              after={"theme": theme, "title": campaign.title, "starts_on": starts_on, "ends_on": ends_on,
                     "groups": [g.pk for g in groups]})
    return campaign


@transaction.atomic
def event_add(*, actor, campaign: Campaign, kind: str, title: str, held_on: dt.date, place: str = "",
              materials: str = "") -> CampaignEvent:
    if kind not in CampaignEvent.Kind.values:
        raise RuleViolation("bad_kind", gettext("形式无效"), field="kind")
    if not campaign.starts_on <= held_on <= campaign.ends_on:
        raise RuleViolation("outside_campaign", gettext("场次日期应在教育活动期间内"), field="held_on")
    event = CampaignEvent.objects.create(union_id=campaign.union_id, campaign=campaign, kind=kind,
                                         title=title.strip()[:120], held_on=held_on, place=place[:120],
                                         materials=materials.strip())
    audit_log(actor=actor, action="study.event.added", target=event,
              after={"campaign": campaign.pk, "kind": kind, "title": event.title, "held_on": held_on})
    return event


@transaction.atomic
def event_attendance_add(*, actor, event: CampaignEvent, workers) -> int:
    """Add people to a session's attendance (already listed ones are kept once); returns how many were added."""
    workers = _check_workers(event.campaign.union, workers)
    have = set(event.attendees.values_list("pk", flat=True))
    new = [w for w in workers if w.pk not in have]
    event.attendees.add(*new)
    audit_log(actor=actor, action="study.event.attendance", target=event, after={"added": [w.pk for w in new]})
    return len(new)


# --- Training -------------------------------------------------------------------------------------

@transaction.atomic
def training_create(*, actor, union, kind: str, course: str, starts_on: dt.date, ends_on: dt.date,
                    hours: Decimal, provider: str = "") -> Training:
    _check_period(starts_on, ends_on)
    if kind not in Training.Kind.values:
        raise RuleViolation("bad_kind", gettext("培训类别无效"), field="kind")
    if hours is None or hours <= 0:
        raise RuleViolation("bad_hours", gettext("学时应大于 0"), field="hours")
    training = Training.objects.create(union=union, kind=kind, course=course.strip()[:120], starts_on=starts_on,
                                       ends_on=ends_on, hours=hours, provider=provider.strip()[:120])
    audit_log(actor=actor, action="study.training.created", target=training,
              after={"kind": kind, "course": training.course, "starts_on": starts_on, "hours": hours})
    return training


@transaction.atomic
def training_record_add(*, actor, training: Training, worker: Worker, hours: Decimal | None = None,
                        certificate=None) -> TrainingRecord:
    """An officer attended: hours (the course's by default, never more), and the certificate (PDF or picture)."""
    _check_workers(training.union, [worker])
    hours = training.hours if hours is None else hours
    if not 0 < hours <= training.hours:
        raise RuleViolation("bad_hours", gettext("学时应大于 0 且不超过课程学时 %(h)s") % {"h": training.hours},
                            field="hours")
    if TrainingRecord.objects.filter(training=training, worker=worker).exists():
        raise Conflict("already_recorded", gettext("%(name)s 已登记参加该培训") % {"name": worker.name})
    record = TrainingRecord(union_id=training.union_id, training=training, worker=worker, hours=hours)
    if certificate is not None:
        kind = uploads.upload_check(certificate, accept=FILES,
                                    max_bytes=int(rule_value("study.file_max_bytes", union=training.union)))
        uploads.upload_store(record.certificate, certificate, kind)
        record.content_type = kind.content_type
    record.save()
    audit_log(actor=actor, action="study.training.recorded", target=record, target_label=str(training),
              after={"worker": worker.pk, "hours": hours, "certificate": record.certificate.name})
    return record


# --- Quiz -----------------------------------------------------------------------------------------

@transaction.atomic
def quiz_create(*, actor, union, title: str, deadline: dt.datetime, questions: list, campaign: Campaign | None = None,
                now=None) -> Quiz:
    """``questions``: a list of (text, [choices], index of the right choice). The deadline lies ahead: answers
    are hidden until it passes, so a quiz published after it would show them at once."""
    if deadline <= (now or timezone.now()):
        raise RuleViolation("deadline_past", gettext("截止时间应在现在之后"), field="deadline")
    if campaign is not None and campaign.union_id != union.pk:
        raise RuleViolation("campaign_other_union", gettext("教育活动不属于该工会"))
    if not questions:
        raise RuleViolation("no_questions", gettext("请至少出一道题"), field="questions")
    for n, (text, choices, answer) in enumerate(questions, start=1):
        if not text.strip() or len(choices) < 2 or not 0 <= answer < len(choices):
            raise RuleViolation("bad_question", gettext("第 %(n)s 题不完整：需要题目、至少两个选项和正确答案") % {"n": n},
                                field="questions")
    quiz = Quiz.objects.create(union=union, campaign=campaign, title=title.strip()[:120], deadline=deadline)
    QuizQuestion.objects.bulk_create([
        QuizQuestion(union=union, quiz=quiz, number=n, text=text.strip()[:300], choices=[c.strip() for c in choices],
                     answer=answer) for n, (text, choices, answer) in enumerate(questions, start=1)])
    audit_log(actor=actor, action="study.quiz.created", target=quiz,
              after={"title": quiz.title, "deadline": deadline, "questions": len(questions)})
    return quiz


@transaction.atomic
def quiz_answer(*, actor, quiz: Quiz, worker: Worker, answers: dict, now=None) -> QuizAttempt:
    """A member's one answer sheet, before the deadline; the score is kept (shown with the answers after it)."""
    now = now or timezone.now()
    if worker.union_id != quiz.union_id:
        raise RuleViolation("worker_other_union", gettext("人员不属于本工会"))
    if now >= quiz.deadline:
        raise RuleViolation("quiz_closed", gettext("答题已截止"))
    if QuizAttempt.objects.filter(quiz=quiz, worker=worker).exists():
        raise Conflict("already_answered", gettext("您已提交过答卷"))
    questions = list(quiz.questions.all())
    sheet, score = {}, 0
    for q in questions:
        chosen = answers.get(q.number, answers.get(str(q.number)))
        try:
            chosen = int(chosen) if chosen not in (None, "") else None
        except (TypeError, ValueError):
            chosen = None
        if chosen is not None and not 0 <= chosen < len(q.choices):
            chosen = None
        sheet[str(q.number)] = chosen
        score += chosen == q.answer
    attempt = QuizAttempt.objects.create(union_id=quiz.union_id, quiz=quiz, worker=worker, answers=sheet,
                                         score=score, total=len(questions))
    audit_log(actor=actor, action="study.quiz.answered", target=attempt, target_label=str(quiz),
              after={"worker": worker.pk, "score": score, "total": len(questions)})
    return attempt

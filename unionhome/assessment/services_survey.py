"""会员评家: the members' satisfaction survey, anonymous in storage like the secret ballot: both are answer boxes
whose rows cannot be linked to who answered (``core/answer_box.py``: the design, the guarantee and its limits;
docs/rules.md §4.2).

- Who answered (``Respondent``: one row per member, unique in the database, so a member answers once) and how
  (``Answer``: one row per question) share no key. The answer rows are blank slots pre-allocated when the survey
  opens (members in good standing × questions, random UUID keys); an answer fills, for each question, a blank slot
  chosen at random in place. The respondent row carries the survey's opening time, not the moment of the answer;
  the answer rows carry no time at all; the answer writes no audit row of its own.
- At closing (``survey_close``) the filled answers are re-stored under fresh random keys in a random order; on
  PostgreSQL the answer table is rewritten in the closing transaction (a busy table refuses the closing, which
  the committee retries); on SQLite the database file is rebuilt and its WAL truncated after the commit.
- Results and the lists behind the figures are shown only once the survey is closed: a live tally beside a live
  list of who answered would tell how each member answered.
"""
from __future__ import annotations

import logging
import uuid

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.assessment.models import Answer, Choice, Respondent, Survey
from unionhome.core import answer_box
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.models import Worker

logger = logging.getLogger(__name__)
# The questions a new round starts from (the committee edits them).
DEFAULT_QUESTIONS = [
    gettext_lazy("您对工会组织建设和民主管理工作是否满意？"),
    gettext_lazy("您对工会维护职工合法权益的工作是否满意？"),
    gettext_lazy("您对工会开展的关爱帮扶、送温暖工作是否满意？"),
    gettext_lazy("您对工会组织的文体活动是否满意？"),
    gettext_lazy("您对职工之家建设的总体评价？"),
]


def _questions(union, title: str, questions: list[str]) -> tuple[str, list[str]]:
    title = (title or "").strip()
    questions = [q.strip()[:200] for q in questions if q and q.strip()]
    if not title:
        raise RuleViolation("title_required", gettext("请填写标题"), field="title")
    most = int(rule_value("assessment.survey_questions_max", union=union))
    if not 1 <= len(questions) <= most:
        raise RuleViolation("questions_count", gettext("请填写 1 至 %(most)s 个问题") % {"most": most}, field="questions")
    return title[:120], questions


def entitled_workers(union):
    """Who may answer: the union's members in good standing (在会会员) today."""
    from unionhome.members.queries import in_membership_on

    return Worker.objects.filter(union=union).filter(in_membership_on(None))


@transaction.atomic
def survey_create(*, actor, union, year: int, title: str, questions: list[str]) -> Survey:
    """A round of 会员评家 for the year, with its questions (configurable per round), not yet open."""
    title, questions = _questions(union, title, questions)
    if Survey.objects.filter(union=union, year=year).exists():
        raise Conflict("survey_exists", gettext("%(year)s年的会员评家已建立") % {"year": year})
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise RuleViolation("year_invalid", gettext("年度不正确"), field="year")
    survey = Survey.objects.create(union=union, year=year, title=title, questions=questions)
    audit_log(actor=actor, action="assessment.survey.created", target=survey,
              after={"year": year, "title": title, "questions": questions})
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, title: str, questions: list[str]) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise Conflict("survey_started", gettext("会员评家已开始，问题不能再改"))
    title, questions = _questions(survey.union, title, questions)
    before = {"title": survey.title, "questions": survey.questions}
    survey.title, survey.questions = title, questions
    survey.save(update_fields=["title", "questions", "updated_at"])
    audit_log(actor=actor, action="assessment.survey.updated", target=survey, before=before,
              after={"title": title, "questions": questions})
    return survey


@transaction.atomic
def survey_open(*, actor, survey: Survey, now=None) -> Survey:
    """Open the survey: one blank slot per member in good standing and question, with random keys."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise Conflict("survey_not_draft", gettext("会员评家已开始或已结束"))
    entitled = entitled_workers(survey.union).count()
    if not entitled:
        raise RuleViolation("no_members", gettext("本会没有在会会员，无法开展会员评家"))
    survey.status, survey.opens_at, survey.entitled = Survey.Status.OPEN, now or timezone.now(), entitled
    survey.save(update_fields=["status", "opens_at", "entitled", "updated_at"])
    answer_box.slots_create(Answer, [Answer(id=uuid.uuid4(), union_id=survey.union_id, survey=survey)
                                     for _ in range(entitled * len(survey.questions))])
    audit_log(actor=actor, action="assessment.survey.opened", target=survey,
              after={"entitled": entitled, "questions": len(survey.questions)})
    return survey


def _respondent_insert(survey: Survey, worker: Worker) -> bool:
    """Record that ``worker`` answered; False when they already had (the unique key decides). The row carries
    the survey's opening time, not the moment of the answer."""
    return answer_box.participant_insert(Respondent, union_id=survey.union_id, at=survey.opens_at,
                                         survey_id=survey.pk, worker_id=worker.pk)


def _fill_blank_slot(survey: Survey, question: int, choice: str, comment: str) -> bool:
    """Fill one blank slot chosen at random, in one statement (slots others are filling are skipped)."""
    return answer_box.slot_fill(Answer, box="survey", box_id=survey.pk,
                                values={"question": question, "choice": choice, "comment": comment}) is not None


def _shared(survey: Survey) -> Survey:
    """Re-read the survey under a shared lock: answers run side by side, closing (FOR UPDATE) waits for them."""
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    return Survey.objects.raw(f"SELECT * FROM {Survey._meta.db_table} WHERE id = %s{lock}", [survey.pk])[0]


def survey_check(*, survey: Survey, worker: Worker | None, now=None) -> None:
    """May ``worker`` answer now? (the page asks before showing the form)."""
    now = now or timezone.now()
    if survey.status != Survey.Status.OPEN or (survey.closes_at and now > survey.closes_at):
        raise RuleViolation("survey_not_open", gettext("会员评家不在进行中"))
    membership = getattr(worker, "membership", None) if worker is not None else None
    if worker is None or worker.union_id != survey.union_id or membership is None or not membership.may_vote:
        raise RuleViolation("not_entitled", gettext("只有本会在会会员可以参加会员评家"))


@transaction.atomic
def survey_answer(*, actor, survey: Survey, worker: Worker | None, choices: list[str], comments: list[str] = (),
                  now=None) -> None:
    """A member answers every question once (满意/基本满意/不满意, an optional comment each). One answer per
    member is the database's unique key on the respondent row. Nothing written here links the member to the
    answer rows (see the module docstring); no audit row of its own."""
    survey = _shared(survey)
    survey_check(survey=survey, worker=worker, now=now)
    if len(choices) != len(survey.questions) or any(c not in Choice.values for c in choices):
        raise RuleViolation("answer_incomplete", gettext("请对每个问题选择满意、基本满意或不满意"))
    comments = [(c or "").strip()[:300] for c in comments] + [""] * len(survey.questions)
    if not _respondent_insert(survey, worker):
        raise Conflict("already_answered", gettext("您已参加过本次会员评家，每人只能评一次"))
    for i, choice in enumerate(choices):
        if not _fill_blank_slot(survey, i, choice, comments[i]):
            raise Conflict("no_slot_left", gettext("答卷已发完，请联系工会"))


def _purge_after_commit() -> None:
    waiting = answer_box.wal_purge_verify()
    if waiting:
        logger.warning("survey purge after closing not verified: %s", waiting)


@transaction.atomic
def survey_close(*, actor, survey: Survey, now=None) -> Survey:
    """Close the survey, re-store its answers without a trace of who filled which slot, and audit the turnout."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise Conflict("survey_not_open", gettext("会员评家不在进行中"))
    answer_box.box_restore(Answer, box="survey", box_id=survey.pk, union_id=survey.union_id,
                           keep=["question", "choice", "comment"])
    if connection.vendor == "postgresql" and not answer_box.table_rewrite(Answer):
        raise Conflict("answer_table_busy", gettext("答卷表正被其他数据库会话使用，请稍后重试结束评家"))
    survey.status, survey.closes_at = Survey.Status.CLOSED, now or timezone.now()
    survey.save(update_fields=["status", "closes_at", "updated_at"])
    respondents = survey.respondents.count()
    audit_log(actor=actor, action="assessment.survey.closed", target=survey,
              after={"respondents": respondents, "entitled": survey.entitled})
    if connection.vendor == "sqlite":
        transaction.on_commit(_purge_after_commit)
    return survey

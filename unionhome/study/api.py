"""JSON API of group study, campaigns, officer training and the legal-education quiz: every page action has its
operation here, calling the same service. Domain errors → {"code","message"} with 409/422 (unionhome/api.py)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup
from unionhome.study import queries, services, services_campaigns
from unionhome.study.models import (
    Campaign,
    CampaignEvent,
    Quiz,
    QuizAttempt,
    Reflection,
    StudyPlan,
    StudySession,
    Training,
)

router = Router(tags=[gettext_lazy("学习与培训")])

Year = Field(None, ge=2000, le=2100)
Day = Field(..., ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))


class StudySessionOut(Schema):
    id: int
    group_id: int
    held_on: dt.date
    topic: str
    place: str
    status: str
    discussion: str
    moved_from: dt.date | None


class StudyAttendanceOut(Schema):
    worker_id: int
    mark: str
    reason: str


class StudySessionDetailOut(StudySessionOut):
    attendance: list[StudyAttendanceOut]


class StudySessionFilter(CleanTextSchema):
    year: int | None = Year
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)


class StudySeriesIn(CleanTextSchema):
    group_id: int = Field(..., ge=1, le=2**31 - 1)
    first_on: dt.date = Day
    weeks: int = Field(..., ge=1, le=60)
    place: str = Field("", max_length=120)
    skip: list[dt.date] = Field(default_factory=list, max_length=60)


class StudyMarkIn(CleanTextSchema):
    worker_id: int = Field(..., ge=1, le=2**31 - 1)
    mark: str = Field(..., description="present | leave | absent")
    reason: str = Field("", max_length=200, description="required for leave")


class StudyRecordIn(CleanTextSchema):
    marks: list[StudyMarkIn] = Field(..., max_length=500)
    discussion: str = Field("", max_length=20000)
    topic: str = Field("", max_length=200)


class StudyMoveIn(CleanTextSchema):
    to: dt.date = Day


class StudyReflectionOut(Schema):
    id: int
    session_id: int
    worker_id: int
    text: str
    has_photo: bool
    status: str
    review_comment: str

    @staticmethod
    def resolve_has_photo(obj) -> bool:
        return bool(obj.photo)


class StudyReviewIn(CleanTextSchema):
    accept: bool
    comment: str = Field("", max_length=300)


class StudyPhotoOut(Schema):
    id: int
    session_id: int
    size: int


class StudyPlanOut(Schema):
    id: int
    group_id: int | None
    year: int
    title: str


class StudyPlanIn(CleanTextSchema):
    year: int = Field(..., ge=2000, le=2100)
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)
    copy_from_id: int | None = Field(None, ge=1, le=2**31 - 1)


class StudyTopicIn(CleanTextSchema):
    week: int = Field(..., ge=1, le=53)
    topic: str = Field(..., max_length=200)
    material: str = Field("", max_length=20000)
    link: str = Field("", max_length=300)


class StudyTopicOut(Schema):
    id: int
    week: int
    topic: str
    material: str
    link: str


class StudyStatsOut(Schema):
    year: int
    union: dict | None
    groups: list[dict]
    members: list[dict]


class StudyStatsFilter(CleanTextSchema):
    year: int | None = Year
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)


def _recordable(ctx):
    qs = StudySession.objects.filter(union=ctx.union).select_related("group", "union")
    return qs if ctx.has("study.manage") else qs.filter(group_id__in=ctx.group_ids)


def _me(ctx) -> Worker:
    if not ctx.worker_id:
        raise RuleViolation("no_worker", gettext("账号未关联职工"))
    return get_in_union_or_404(Worker, ctx.union, pk=ctx.worker_id)


# --- Sessions -------------------------------------------------------------------------------------

@router.get("/sessions", response=list[StudySessionOut], url_name="study_sessions")
def session_list(request, filters: Query[StudySessionFilter]):
    """Officers: every group's sessions; a group leader: their groups' and their own; a member: their group's."""
    ctx = api_require(request, "study.view")
    qs = queries.session_scope(ctx).filter(held_on__year=filters.year or timezone.localdate().year)
    if filters.group_id:
        qs = qs.filter(group_id=filters.group_id)
    return list(qs.order_by("held_on", "group_id")[:2000])


@router.get("/sessions/{int:session_id}", response=StudySessionDetailOut, url_name="study_session")
def session_detail(request, session_id: int):
    ctx = api_require(request, "study.view")
    obj = get_in_union_or_404(queries.session_scope(ctx), ctx.union, pk=session_id)
    may_record = _recordable(ctx).filter(pk=obj.pk).exists()
    attendance = list(obj.attendance.all()) if may_record else list(obj.attendance.filter(worker_id=ctx.worker_id))
    return {**StudySessionOut.from_orm(obj).dict(), "attendance": attendance}


@router.post("/series", response={201: list[StudySessionOut]}, url_name="study_series")
def series(request, body: StudySeriesIn):
    """A weekly series for a group; statutory holidays and the ``skip`` days have no session."""
    ctx = api_require(request, "study.record")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=body.group_id)
    return Status(201, services.series_create(actor=request.user, group=group, first_on=body.first_on, weeks=body.weeks,
                                       place=body.place, skip=body.skip))


@router.post("/sessions/{int:session_id}/record", response=StudySessionDetailOut, url_name="study_record")
def record(request, session_id: int, body: StudyRecordIn):
    """Attendance (present / leave with its reason / absent; a member left out is absent) and the discussion."""
    ctx = api_require(request, "study.record")
    obj = get_in_union_or_404(_recordable(ctx), ctx.union, pk=session_id)
    marks = {m.worker_id: (m.mark, m.reason) if m.mark == "leave" else m.mark for m in body.marks}
    obj = services.session_record(actor=request.user, session=obj, marks=marks, discussion=body.discussion,
                                  topic=body.topic)
    return {**StudySessionOut.from_orm(obj).dict(), "attendance": list(obj.attendance.all())}


@router.post("/sessions/{int:session_id}/move", response=StudySessionOut, url_name="study_move")
def move(request, session_id: int, body: StudyMoveIn):
    ctx = api_require(request, "study.record")
    obj = get_in_union_or_404(_recordable(ctx), ctx.union, pk=session_id)
    return services.session_move(actor=request.user, session=obj, to=body.to)


@router.post("/sessions/{int:session_id}/photos", response={201: StudyPhotoOut}, url_name="study_photo_upload")
def photo_upload(request, session_id: int, file: UploadedFile = File(None)):
    """Multipart field ``file``: JPEG/PNG/GIF/WebP."""
    ctx = api_require(request, "study.record")
    obj = get_in_union_or_404(_recordable(ctx), ctx.union, pk=session_id)
    if file is None:
        raise RuleViolation("file_required", gettext("请选择照片"), field="file")
    return Status(201, services.session_photo_add(actor=request.user, session=obj, upload=file))


@router.post("/sessions/{int:session_id}/reflection", response={201: StudyReflectionOut}, url_name="study_reflect")
def reflect(request, session_id: int, text: Form[str] = "", photo: UploadedFile = File(None)):
    """The caller's reflection (multipart: ``text`` and/or ``photo`` of a handwritten page)."""
    ctx = api_require(request, "study.view")
    obj = get_in_union_or_404(queries.session_scope(ctx), ctx.union, pk=session_id)
    from unionhome.core.text import unsafe_message

    if unsafe_message(text):
        raise RuleViolation("invalid_text", unsafe_message(text), field="text")
    return Status(201, services.reflection_submit(actor=request.user, session=obj, worker=_me(ctx), text=text[:20000],
                                           upload=photo))


@router.get("/reflections", response=list[StudyReflectionOut], url_name="study_reflections")
def reflections(request, filters: Query[StudySessionFilter]):
    """A member's own; a leader's or officer's: those of the sessions they record too."""
    ctx = api_require(request, "study.view")
    qs = Reflection.objects.filter(union=ctx.union, session__held_on__year=filters.year or timezone.localdate().year)
    scope = Q(worker_id=ctx.worker_id or 0)
    if ctx.has("study.record"):
        scope |= Q(session__in=_recordable(ctx))
    return list(qs.filter(scope).order_by("id")[:5000])


@router.post("/reflections/{int:reflection_id}/review", response=StudyReflectionOut, url_name="study_review")
def review(request, reflection_id: int, body: StudyReviewIn):
    ctx = api_require(request, "study.record")
    row = get_in_union_or_404(Reflection.objects.filter(session__in=_recordable(ctx)), ctx.union, pk=reflection_id)
    return services.reflection_review(actor=request.user, reflection=row, accept=body.accept, comment=body.comment)


@router.post("/sessions/{int:session_id}/reflections/accept-all", response=list[StudyReflectionOut],
             url_name="study_accept_all")
def accept_all(request, session_id: int):
    """Accept every reflection of the session still waiting for review (the leader's one tap)."""
    ctx = api_require(request, "study.record")
    session = get_in_union_or_404(_recordable(ctx), ctx.union, pk=session_id)
    return services.reflections_accept_all(actor=request.user, session=session)


# --- Plans ----------------------------------------------------------------------------------------

def _plans(ctx):
    qs = StudyPlan.objects.filter(union=ctx.union)
    return qs if ctx.has("study.manage") else qs.filter(Q(group__isnull=True) | Q(group_id__in=ctx.group_ids))


@router.get("/plans", response=list[StudyPlanOut], url_name="study_plans")
def plans(request):
    ctx = api_require(request, "study.record")
    return list(_plans(ctx)[:500])


@router.post("/plans", response={201: StudyPlanOut}, url_name="study_plan_create")
def plan_create(request, body: StudyPlanIn):
    ctx = api_require(request, "study.record")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=body.group_id) if body.group_id else None
    if group is None and not ctx.has("study.manage"):
        raise RuleViolation("not_officer", gettext("只有工会委员会可以制定全会学习计划"))
    source = get_in_union_or_404(StudyPlan, ctx.union, pk=body.copy_from_id) if body.copy_from_id else None
    return Status(201, services.plan_create(actor=request.user, union=ctx.union, year=body.year, group=group,
                                     copy_from=source))


@router.get("/plans/{int:plan_id}/topics", response=list[StudyTopicOut], url_name="study_plan_topics")
def plan_topics(request, plan_id: int):
    ctx = api_require(request, "study.record")
    return list(get_in_union_or_404(_plans(ctx), ctx.union, pk=plan_id).topics.all())


@router.post("/plans/{int:plan_id}/topics", response=StudyTopicOut, url_name="study_topic_set")
def topic_set(request, plan_id: int, body: StudyTopicIn):
    ctx = api_require(request, "study.record")
    plan = get_in_union_or_404(_plans(ctx), ctx.union, pk=plan_id)
    return services.topic_set(actor=request.user, plan=plan, week=body.week, topic=body.topic,
                              material=body.material, link=body.link)


@router.get("/stats", response=StudyStatsOut, url_name="study_stats")
def stats(request, filters: Query[StudyStatsFilter]):
    """Attendance and reflection rates (percent) for the union, each group, and a group's members."""
    ctx = api_require(request, "study.stats")
    year = filters.year or timezone.localdate().year
    groups = list(queries.stats_groups(ctx))
    chosen = next((g for g in groups if g.pk == filters.group_id), None)

    def plain(row, key):
        return {**{k: v for k, v in row.items() if k != key}, f"{key}_id": row[key].pk, "name": row[key].name}

    return {"year": year, "union": queries.rates_of_union(ctx.union, year) if ctx.has("study.manage") else None,
            "groups": [plain(r, "group") for r in queries.rates_by_group(ctx.union, year, groups)],
            "members": [plain(r, "worker") for r in queries.rates_by_member(ctx.union, year, chosen)] if chosen else []}


# --- Campaigns ------------------------------------------------------------------------------------

class StudyCampaignIn(CleanTextSchema):
    theme: str = Field(..., description="ethics | ethnic_unity | legal | ideals | other")
    title: str = Field(..., min_length=1, max_length=120)
    starts_on: dt.date = Day
    ends_on: dt.date = Day
    description: str = Field("", max_length=20000)
    group_ids: list[int] = Field(default_factory=list, max_length=200)


class StudyCampaignOut(Schema):
    id: int
    theme: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    description: str


class StudyEventIn(CleanTextSchema):
    kind: str = Field(..., description="lecture | contest | exhibition")
    title: str = Field(..., min_length=1, max_length=120)
    held_on: dt.date = Day
    place: str = Field("", max_length=120)
    materials: str = Field("", max_length=20000)


class StudyEventOut(Schema):
    id: int
    campaign_id: int
    kind: str
    title: str
    held_on: dt.date
    place: str
    attendees: int

    @staticmethod
    def resolve_attendees(obj) -> int:
        return obj.attendees.count()


class StudyAttendeesIn(CleanTextSchema):
    worker_ids: list[int] = Field(..., min_length=1, max_length=1000)


@router.get("/campaigns", response=list[StudyCampaignOut], url_name="study_campaigns")
def campaigns(request):
    ctx = api_require(request, "study.view")
    return list(Campaign.objects.filter(union=ctx.union)[:500])


@router.post("/campaigns", response={201: StudyCampaignOut}, url_name="study_campaign_create")
def campaign_create(request, body: StudyCampaignIn):
    ctx = api_require(request, "study.manage")
    groups = list(UnionGroup.objects.filter(union=ctx.union, pk__in=body.group_ids))
    if len(groups) != len(set(body.group_ids)):
        raise RuleViolation("group_other_union", gettext("工会小组不属于该工会"), field="group_ids")
    return Status(201, services_campaigns.campaign_create(
        actor=request.user, union=ctx.union, theme=body.theme, title=body.title, starts_on=body.starts_on,
        ends_on=body.ends_on, description=body.description, groups=groups))


@router.get("/campaigns/{int:campaign_id}/events", response=list[StudyEventOut], url_name="study_campaign_events")
def campaign_events(request, campaign_id: int):
    ctx = api_require(request, "study.view")
    return list(get_in_union_or_404(Campaign, ctx.union, pk=campaign_id).events.all())


@router.post("/campaigns/{int:campaign_id}/events", response={201: StudyEventOut}, url_name="study_event_add")
def event_add(request, campaign_id: int, body: StudyEventIn):
    ctx = api_require(request, "study.manage")
    obj = get_in_union_or_404(Campaign, ctx.union, pk=campaign_id)
    return Status(201, services_campaigns.event_add(actor=request.user, campaign=obj, kind=body.kind, title=body.title,
                                             held_on=body.held_on, place=body.place, materials=body.materials))


@router.post("/events/{int:event_id}/attendees", response=StudyEventOut, url_name="study_event_attend")
def event_attend(request, event_id: int, body: StudyAttendeesIn):
    ctx = api_require(request, "study.manage")
    event = get_in_union_or_404(CampaignEvent.objects.select_related("campaign__union"), ctx.union, pk=event_id)
    workers = list(Worker.objects.filter(union=ctx.union, pk__in=body.worker_ids))
    if len(workers) != len(set(body.worker_ids)):
        raise RuleViolation("worker_other_union", gettext("人员不属于本工会"), field="worker_ids")
    services_campaigns.event_attendance_add(actor=request.user, event=event, workers=workers)
    return event


# --- Training -------------------------------------------------------------------------------------

class StudyTrainingIn(CleanTextSchema):
    kind: str = Field(..., description="new_officer | audit | women | external")
    course: str = Field(..., min_length=1, max_length=120)
    provider: str = Field("", max_length=120)
    starts_on: dt.date = Day
    ends_on: dt.date = Day
    hours: Decimal = Field(..., gt=0, le=9999, decimal_places=1)


class StudyTrainingOut(Schema):
    id: int
    kind: str
    course: str
    provider: str
    starts_on: dt.date
    ends_on: dt.date
    hours: Decimal


class StudyRecordOut(Schema):
    id: int
    training_id: int
    worker_id: int
    hours: Decimal
    has_certificate: bool

    @staticmethod
    def resolve_has_certificate(obj) -> bool:
        return bool(obj.certificate)


class StudyUntrainedOut(Schema):
    worker_id: int
    name: str
    title: str
    term: str


@router.get("/trainings", response=list[StudyTrainingOut], url_name="study_trainings")
def trainings(request):
    ctx = api_require(request, "study.manage")
    return list(Training.objects.filter(union=ctx.union)[:500])


@router.post("/trainings", response={201: StudyTrainingOut}, url_name="study_training_create")
def training_create(request, body: StudyTrainingIn):
    ctx = api_require(request, "study.manage")
    return Status(201, services_campaigns.training_create(actor=request.user, union=ctx.union, **body.dict()))


@router.get("/trainings/{int:training_id}/records", response=list[StudyRecordOut], url_name="study_training_records")
def training_records(request, training_id: int):
    ctx = api_require(request, "study.manage")
    return list(get_in_union_or_404(Training, ctx.union, pk=training_id).records.all())


@router.post("/trainings/{int:training_id}/records", response={201: StudyRecordOut}, url_name="study_record_add")
def record_add(request, training_id: int, worker_id: Form[int], hours: Form[Decimal | None] = None,
               certificate: UploadedFile = File(None)):
    """Multipart: ``worker_id``, ``hours`` (default: the course's), ``certificate`` (PDF or picture)."""
    ctx = api_require(request, "study.manage")
    training = get_in_union_or_404(Training, ctx.union, pk=training_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=worker_id)
    if hours is not None and not Decimal("0") < hours < Decimal("10000"):
        raise RuleViolation("bad_hours", gettext("学时应大于 0"), field="hours")
    return Status(201, services_campaigns.training_record_add(actor=request.user, training=training, worker=worker,
                                                       hours=hours, certificate=certificate))


@router.get("/trainings/untrained", response=list[StudyUntrainedOut], url_name="study_untrained")
def untrained(request):
    """Officers in a current term with no training since the term began."""
    ctx = api_require(request, "study.manage")
    return [{"worker_id": p.worker_id, "name": p.worker.name, "title": p.get_title_display(), "term": str(p.term)}
            for p in queries.officers_untrained(ctx.union)]


# --- Quiz -----------------------------------------------------------------------------------------

class StudyQuestionIn(CleanTextSchema):
    text: str = Field(..., min_length=1, max_length=300)
    choices: list[str] = Field(..., min_length=2, max_length=10)
    answer: int = Field(..., ge=0, le=9, description="index of the right choice")


class StudyQuizIn(CleanTextSchema):
    title: str = Field(..., min_length=1, max_length=120)
    deadline: dt.datetime
    campaign_id: int | None = Field(None, ge=1, le=2**31 - 1)
    questions: list[StudyQuestionIn] = Field(..., min_length=1, max_length=200)


class StudyQuestionOut(Schema):
    number: int
    text: str
    choices: list[str]
    answer: int | None = Field(None, description="the right choice: only after the deadline")


class StudyQuizOut(Schema):
    id: int
    title: str
    deadline: dt.datetime
    campaign_id: int | None
    answers_shown: bool
    questions: list[StudyQuestionOut]
    my_score: int | None = Field(None, description="after the deadline")
    answered: bool


class StudyAnswersIn(CleanTextSchema):
    answers: dict[int, int] = Field(..., description="question number → index of the chosen choice")


class StudyAttemptOut(Schema):
    quiz_id: int
    submitted: bool = True


def _quiz_out(quiz, worker_id) -> dict:
    """The right answers and the scores are in the answer only once the deadline has passed."""
    shown = queries.answers_visible(quiz)
    mine = QuizAttempt.objects.filter(quiz=quiz, worker_id=worker_id).first() if worker_id else None
    return {"id": quiz.pk, "title": quiz.title, "deadline": quiz.deadline, "campaign_id": quiz.campaign_id,
            "answers_shown": shown, "answered": mine is not None, "my_score": mine.score if mine and shown else None,
            "questions": [{"number": q.number, "text": q.text, "choices": q.choices,
                           "answer": q.answer if shown else None} for q in quiz.questions.all()]}


@router.get("/quizzes", response=list[StudyQuizOut], url_name="study_quizzes")
def quizzes(request):
    ctx = api_require(request, "study.view")
    return [_quiz_out(q, ctx.worker_id) for q in Quiz.objects.filter(union=ctx.union)[:100]]


@router.get("/quizzes/{int:quiz_id}", response=StudyQuizOut, url_name="study_quiz")
def quiz(request, quiz_id: int):
    ctx = api_require(request, "study.view")
    return _quiz_out(get_in_union_or_404(Quiz, ctx.union, pk=quiz_id), ctx.worker_id)


@router.post("/quizzes", response={201: StudyQuizOut}, url_name="study_quiz_create")
def quiz_create(request, body: StudyQuizIn):
    ctx = api_require(request, "study.manage")
    campaign = get_in_union_or_404(Campaign, ctx.union, pk=body.campaign_id) if body.campaign_id else None
    deadline = body.deadline if timezone.is_aware(body.deadline) else timezone.make_aware(body.deadline)
    quiz = services_campaigns.quiz_create(actor=request.user, union=ctx.union, title=body.title,
                                          deadline=deadline, campaign=campaign,
                                          questions=[(q.text, q.choices, q.answer) for q in body.questions])
    return Status(201, _quiz_out(quiz, ctx.worker_id))


@router.post("/quizzes/{int:quiz_id}/answers", response={201: StudyAttemptOut}, url_name="study_quiz_answer")
def quiz_answer(request, quiz_id: int, body: StudyAnswersIn):
    """One answer sheet per member, before the deadline; the score is shown only after it."""
    ctx = api_require(request, "study.view")
    quiz = get_in_union_or_404(Quiz, ctx.union, pk=quiz_id)
    services_campaigns.quiz_answer(actor=request.user, quiz=quiz, worker=_me(ctx), answers=body.answers)
    return Status(201, {"quiz_id": quiz.pk})

"""JSON API of the year-end evaluation: every action of the pages, through the same services, permissions and
error codes (a ``DomainError`` → ``{"code", "message"}`` with 403/409/422)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.awards import documents, queries, services
from unionhome.awards.models import Award, HonourKind, Nomination, Objection, Round
from unionhome.core.docx import DOCX_TYPE, attachment
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("评选表彰")])


# --- schemas -----------------------------------------------------------------------------------------------

class KindIn(CleanTextSchema):
    name: str = Field(max_length=50)
    reward_item: str = Field(default="", max_length=100)
    reward_value: str = Field(default="0", max_length=20)
    reward_form: str = "goods"
    quota_per_group: int | None = Field(default=None, ge=1, le=20)
    nominee: str = Field(default="person", description="person (a member's honour) or group (a group honour such as the best union group)")
    quota_per_union: int | None = Field(default=None, ge=1, le=50)


class KindOut(Schema):
    id: int
    name: str
    nominee: str
    reward_item: str
    reward_value: Decimal
    reward_form: str
    quota_per_group: int | None
    quota_per_union: int | None


class RoundIn(CleanTextSchema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(default="", max_length=100)
    kind_ids: list[int] = Field(default_factory=list, max_length=50)


class RoundOut(Schema):
    id: int
    year: int
    title: str
    status: str
    meeting_ref: str
    meeting_on: dt.date | None
    decision_id: int | None
    publicity_starts_on: dt.date | None
    publicity_ends_on: dt.date | None
    finalised_on: dt.date | None


class NominationIn(CleanTextSchema):
    kind_id: int
    worker_id: int
    discussion: str = Field(default="", max_length=500)
    votes_for: int | None = Field(default=None, ge=0, le=100_000)
    voters: int | None = Field(default=None, ge=1, le=100_000)


class NominationOut(Schema):
    id: int
    kind_id: int
    kind: str
    group_id: int
    group: str
    worker_id: int | None
    worker_name: str = Field(description="the nominee: the member, or the group for a group honour")
    discussion: str
    votes_for: int | None
    voters: int | None
    status: str


class GroupNominationIn(CleanTextSchema):
    kind_id: int
    group_id: int
    discussion: str = Field(default="", max_length=500)


class ExclusionIn(CleanTextSchema):
    worker_id: int
    ground: str = Field(max_length=50)
    note: str = Field(default="", max_length=200)


class DecideIn(CleanTextSchema):
    nomination_ids: list[int] = Field(max_length=1000)
    decision_id: int | None = Field(default=None, description="the meetings app's decision that made it")
    meeting_ref: str = Field(default="", max_length=200, description="a meeting not recorded in the meetings app")
    meeting_on: dt.date | None = None


class PublishIn(Schema):
    starts_on: dt.date


class ObjectionIn(CleanTextSchema):
    reason: str = Field(max_length=500)


class AnswerIn(CleanTextSchema):
    answer: str = Field(max_length=500)
    upheld: bool = False


class RewardIn(Schema):
    on: dt.date


class AwardOut(Schema):
    id: int
    kind: str
    worker_id: int | None
    worker_name: str = Field(description="the honoured: the member, or the group for a group honour")
    group: str
    year: int
    withdrawn: bool
    certificate_no: str
    reward_value: Decimal | None = None
    reward_voucher: str | None = None


class ExclusionOut(Schema):
    id: int
    worker_id: int
    worker_name: str
    ground: str
    note: str


class RoundDetailOut(RoundOut):
    nominations: list[NominationOut]
    awards: list[AwardOut]
    exclusions: list[ExclusionOut] = Field(description="who may not be honoured this round (the committee only)")


class ObjectionOut(Schema):
    id: int
    award_id: int
    reason: str
    answer: str
    upheld: bool
    open: bool


class Count_(Schema):
    label: str
    n: int


class Consecutive(Schema):
    worker_id: int
    name: str
    group: str


class FiguresOut(Schema):
    year: int
    by_kind: list[Count_]
    by_group: list[Count_]
    by_gender: list[Count_]
    by_ethnicity: list[Count_]
    consecutive: list[Consecutive]


class HonourRow(Schema):
    year: int
    kind: str
    certificate_no: str


class RegisterRow(Schema):
    worker_id: int
    name: str
    group: str
    honours: list[HonourRow]


# --- helpers -----------------------------------------------------------------------------------------------

def _round(ctx, round_id: int) -> Round:
    return get_in_union_or_404(Round, ctx.union, pk=round_id)


def _worker(ctx, worker_id: int, field: str = "worker_id") -> Worker:
    worker = Worker.objects.filter(union=ctx.union, pk=worker_id).select_related("membership", "group").first()
    if worker is None:
        raise RuleViolation("worker_not_found", gettext("所选职工不存在"), field=field)
    return worker


def _nomination_out(n: Nomination) -> dict:
    return {"id": n.pk, "kind_id": n.kind_id, "kind": n.kind.name, "group_id": n.group_id, "group": n.group.name,
            "worker_id": n.worker_id, "worker_name": n.nominee_name, "discussion": n.discussion,
            "votes_for": n.votes_for, "voters": n.voters, "status": n.status}


def _award_out(a: Award, manage: bool) -> dict:
    return {"id": a.pk, "kind": a.kind.name, "worker_id": a.worker_id, "worker_name": a.nominee_name,
            "group": a.group.name, "year": a.year, "withdrawn": a.withdrawn, "certificate_no": a.certificate_no,
            "reward_value": a.reward_value if manage else None,
            "reward_voucher": a.reward_entry.voucher if manage and a.reward_entry_id else None}


def _detail(ctx, round: Round) -> dict:
    """What the round's page shows the same person."""
    round.refresh_from_db()
    manage = ctx.has("awards.manage")
    nominations = list(queries.nominations_of(round)) if manage or ctx.has("awards.nominate") else []
    if not manage:
        nominations = [n for n in nominations if n.group_id in ctx.group_ids]
    visible = manage or queries.publicity_visible(round)
    return {**{f: getattr(round, f) for f in RoundOut.model_fields},
            "nominations": [_nomination_out(n) for n in nominations],
            "awards": [_award_out(a, manage) for a in queries.awards_of(round)] if visible else [],
            "exclusions": [_exclusion_out(e) for e in round.exclusions.select_related("worker")] if manage else []}


def _exclusion_out(e) -> dict:
    return {"id": e.pk, "worker_id": e.worker_id, "worker_name": e.worker.name, "ground": e.ground, "note": e.note}


# --- reads -------------------------------------------------------------------------------------------------

@router.get("/kinds", response=list[KindOut], url_name="awards_kinds")
def kind_list(request):
    ctx = api_require(request, "awards.view")
    return list(HonourKind.objects.filter(union=ctx.union))


@router.get("/rounds", response=list[RoundOut], url_name="awards_rounds")
def round_list(request):
    ctx = api_require(request, "awards.view")
    return list(queries.round_list(ctx.union))


@router.get("/rounds/{int:round_id}", response=RoundDetailOut, url_name="awards_round")
def round_detail(request, round_id: int):
    ctx = api_require(request, "awards.view")
    return _detail(ctx, _round(ctx, round_id))


@router.get("/rounds/{int:round_id}/objections", response=list[ObjectionOut], url_name="awards_objections")
def objection_list(request, round_id: int):
    ctx = api_require(request, "awards.manage")
    return [{"id": o.pk, "award_id": o.award_id, "reason": o.reason, "answer": o.answer, "upheld": o.upheld,
             "open": o.is_open} for o in queries.objections_of(_round(ctx, round_id))]


@router.get("/register", response=list[RegisterRow], url_name="awards_register")
def register(request):
    """Each member's honours across years (final rounds only)."""
    ctx = api_require(request, "awards.view")
    return [{"worker_id": p["worker"].pk, "name": p["worker"].name, "group": p["group"], "honours": p["honours"]}
            for p in queries.honours_register(ctx.union)]


@router.get("/figures", response=FiguresOut, url_name="awards_figures")
def figures(request, year: int):
    """Honours by kind, group, gender and ethnicity; members honoured in consecutive years."""
    ctx = api_require(request, "awards.view")
    if not 2000 <= year <= 2100:
        raise RuleViolation("year_invalid", gettext("年度不正确"), field="year")
    return queries.figures(ctx.union, year)


DOCX = {200: {"description": "a Word document", "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/rounds/{int:round_id}/certificates", url_name="awards_certificates", openapi_extra={"responses": DOCX})
def certificates(request, round_id: int):
    """The certificates of a final round (.docx, one A4 page per person); audited."""
    ctx = api_require(request, "awards.manage")
    round = _round(ctx, round_id)
    content = services.certificates_export(actor=request.user, round=round)
    return attachment(content, documents.download_name(round), fallback=f"awards-{round.pk}-certificates.docx")


# --- writes ------------------------------------------------------------------------------------------------

@router.post("/kinds", response={201: KindOut}, url_name="awards_kind_create")
def kind_create(request, payload: KindIn):
    ctx = api_require(request, "awards.manage")
    return Status(201, services.kind_create(actor=request.user, union=ctx.union, **payload.dict()))


@router.post("/rounds", response={201: RoundOut}, url_name="awards_round_create")
def round_create(request, payload: RoundIn):
    ctx = api_require(request, "awards.manage")
    kinds = list(HonourKind.objects.filter(union=ctx.union, pk__in=payload.kind_ids))
    if len(kinds) != len(set(payload.kind_ids)):
        raise RuleViolation("kind_not_found", gettext("所选荣誉不存在"), field="kind_ids")
    return Status(201, services.round_create(actor=request.user, union=ctx.union, year=payload.year,
                                             title=payload.title, kinds=kinds))


@router.post("/rounds/{int:round_id}/nominations", response={201: NominationOut}, url_name="awards_nominate")
def nomination_add(request, round_id: int, payload: NominationIn):
    ctx = api_require(request, "awards.nominate")
    round = _round(ctx, round_id)
    kind = HonourKind.objects.filter(union=ctx.union, pk=payload.kind_id).first()
    if kind is None:
        raise RuleViolation("kind_not_found", gettext("所选荣誉不存在"), field="kind_id")
    nomination = services.nomination_add(actor=request.user, round=round, kind=kind,
                                         worker=_worker(ctx, payload.worker_id), discussion=payload.discussion,
                                         votes_for=payload.votes_for, voters=payload.voters)
    return Status(201, _nomination_out(nomination))


@router.post("/rounds/{int:round_id}/group-nominations", response={201: NominationOut},
             url_name="awards_nominate_group")
def group_nomination_add(request, round_id: int, payload: GroupNominationIn):
    """A group nominated for a group honour (优秀工会小组): by the committee, or by its own leader."""
    from unionhome.org.models import UnionGroup

    ctx = api_require(request, "awards.nominate")
    round = _round(ctx, round_id)
    kind = HonourKind.objects.filter(union=ctx.union, pk=payload.kind_id).first()
    if kind is None:
        raise RuleViolation("kind_not_found", gettext("所选荣誉不存在"), field="kind_id")
    group = UnionGroup.objects.filter(union=ctx.union, pk=payload.group_id).first()
    if group is None:
        raise RuleViolation("group_not_found", gettext("所选工会小组不存在"), field="group_id")
    nomination = services.group_nomination_add(actor=request.user, round=round, kind=kind, group=group,
                                               discussion=payload.discussion)
    return Status(201, _nomination_out(nomination))


@router.delete("/nominations/{int:nomination_id}", response={204: None}, url_name="awards_nomination_remove")
def nomination_remove(request, nomination_id: int):
    ctx = api_require(request, "awards.nominate")
    services.nomination_remove(actor=request.user,
                               nomination=get_in_union_or_404(Nomination, ctx.union, pk=nomination_id))
    return Status(204, None)


@router.post("/rounds/{int:round_id}/exclusions", response={201: ExclusionOut}, url_name="awards_exclude")
def exclusion_add(request, round_id: int, payload: ExclusionIn):
    ctx = api_require(request, "awards.manage")
    exclusion = services.exclusion_add(actor=request.user, round=_round(ctx, round_id),
                                       worker=_worker(ctx, payload.worker_id), ground=payload.ground,
                                       note=payload.note)
    return Status(201, _exclusion_out(exclusion))


@router.post("/rounds/{int:round_id}/decide", response=RoundDetailOut, url_name="awards_decide")
def decide(request, round_id: int, payload: DecideIn):
    """The committee's decision at a meeting (quotas per group, eligibility and the prize ratio enforced): the
    decision recorded in the meetings app (``decision_id``), or a meeting's name and date."""
    from unionhome.meetings.models import Decision

    ctx = api_require(request, "awards.manage")
    round = _round(ctx, round_id)
    decision = None
    if payload.decision_id is not None:
        decision = Decision.objects.filter(union=ctx.union, pk=payload.decision_id).select_related("item__meeting").first()
        if decision is None:
            raise RuleViolation("decision_not_found", gettext("所选会议决定不存在"), field="decision_id")
    services.round_decide(actor=request.user, round=round, chosen=payload.nomination_ids, decision=decision,
                          meeting_ref=payload.meeting_ref, meeting_on=payload.meeting_on)
    return _detail(ctx, round)


@router.post("/rounds/{int:round_id}/publish", response=RoundOut, url_name="awards_publish")
def publish(request, round_id: int, payload: PublishIn):
    ctx = api_require(request, "awards.manage")
    return services.round_publish(actor=request.user, round=_round(ctx, round_id), starts_on=payload.starts_on)


@router.post("/honours/{int:award_id}/objections", response={201: ObjectionOut}, url_name="awards_object")
def objection_raise(request, award_id: int, payload: ObjectionIn):
    """A member's objection during 公示."""
    ctx = api_require(request, "awards.view")
    award = get_in_union_or_404(Award, ctx.union, pk=award_id)
    if not queries.publicity_visible(award.round) and not ctx.has("awards.manage"):
        raise Forbidden("not_published", gettext("评选结果尚未公示"))
    o = services.objection_raise(actor=request.user, award=award, reason=payload.reason)
    return Status(201, {"id": o.pk, "award_id": o.award_id, "reason": o.reason, "answer": o.answer,
                        "upheld": o.upheld, "open": o.is_open})


@router.post("/objections/{int:objection_id}/answer", response=ObjectionOut, url_name="awards_answer")
def objection_answer(request, objection_id: int, payload: AnswerIn):
    ctx = api_require(request, "awards.manage")
    o = services.objection_answer(actor=request.user, objection=get_in_union_or_404(Objection, ctx.union,
                                                                                    pk=objection_id),
                                  answer=payload.answer, upheld=payload.upheld)
    return {"id": o.pk, "award_id": o.award_id, "reason": o.reason, "answer": o.answer, "upheld": o.upheld,
            "open": o.is_open}


@router.post("/rounds/{int:round_id}/finalise", response=RoundOut, url_name="awards_finalise")
def finalise(request, round_id: int):
    ctx = api_require(request, "awards.manage")
    return services.round_finalise(actor=request.user, round=_round(ctx, round_id))


@router.post("/rounds/{int:round_id}/rewards", response=list[AwardOut], url_name="awards_rewards")
def rewards_book(request, round_id: int, payload: RewardIn):
    """Book each honour's reward to the ledger (in kind, within the cap)."""
    ctx = api_require(request, "awards.manage")
    booked = services.rewards_book(actor=request.user, round=_round(ctx, round_id), on=payload.on)
    return [_award_out(Award.objects.select_related("kind", "worker", "group", "reward_entry").get(pk=a.pk), True)
            for a in booked]

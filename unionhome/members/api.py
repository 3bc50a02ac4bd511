import datetime as dt

from django.http import Http404
from ninja import Query, Router, Schema

from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.members.queries import WorkerFilters, worker_search, worker_visible_to
from unionhome.members.services import worker_reveal

router = Router(tags=["会员"])


class WorkerOut(Schema):
    id: int
    name: str
    name_pinyin: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    id_number_masked: str
    mobile_masked: str
    unit_id: int | None
    group_id: int | None
    employment_status: str
    membership_status: str | None
    card_number: str | None

    @staticmethod
    def resolve_membership_status(obj):
        return obj.membership.status if hasattr(obj, "membership") else None

    @staticmethod
    def resolve_card_number(obj):
        return obj.membership.card_number if hasattr(obj, "membership") else None


class WorkerPage(Schema):
    count: int
    results: list[WorkerOut]


class FilterIn(Schema):
    q: str = ""
    unit: int | None = None
    group: int | None = None
    status: str = ""
    gender: str = ""
    age_band: str = ""
    ethnicity: str = ""
    employment_status: str = ""
    offset: int = 0
    limit: int = 50


class RevealOut(Schema):
    field: str
    value: str


@router.get("/workers", response=WorkerPage, url_name="members_workers")
def workers(request, filters: Query[FilterIn]):
    ctx = api_require(request, "members.view")
    data = filters.dict()
    offset, limit = max(0, data.pop("offset")), min(max(1, data.pop("limit")), 200)
    qs = worker_search(worker_visible_to(ctx), WorkerFilters(**data)).select_related("membership")
    return {"count": qs.count(), "results": list(qs[offset:offset + limit])}


@router.get("/workers/{worker_id}", response=WorkerOut, url_name="members_worker")
def worker(request, worker_id: int):
    ctx = api_require(request, "members.view")
    return get_in_union_or_404(worker_visible_to(ctx).select_related("membership"), ctx.union, pk=worker_id)


@router.post("/workers/{worker_id}/reveal/{field}", response=RevealOut, url_name="members_worker_reveal")
def reveal(request, worker_id: int, field: str):
    ctx = api_require(request, "members.reveal")
    if field not in {"id_number", "mobile"}:
        raise Http404
    worker = get_in_union_or_404(worker_visible_to(ctx), ctx.union, pk=worker_id)
    return {"field": field, "value": worker_reveal(actor=request.user, worker=worker, field=field)}

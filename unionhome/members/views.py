from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.permissions import require
from unionhome.members.forms import WorkerFilterForm
from unionhome.members.queries import WorkerFilters, worker_search, worker_visible_to
from unionhome.members.services import worker_reveal


def filtered_workers(request):
    """The member list's query for this user and these GET filters (shared by the page and the export)."""
    form = WorkerFilterForm(request.GET or None, union=request.ctx.union)
    filters = WorkerFilters(**form.cleaned_data) if form.is_valid() else WorkerFilters()
    qs = worker_search(worker_visible_to(request.ctx), filters)
    return form, qs.select_related("unit", "group", "membership")


@require("members.view")
def worker_list(request):
    form, qs = filtered_workers(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "members/_rows.html" if request.htmx else "members/list.html"
    return render(request, template, {"form": form, "page": page, "query": request.GET.urlencode()})


@require("members.view")
def worker_detail(request, pk: int):
    worker = get_in_union_or_404(worker_visible_to(request.ctx).select_related("unit", "group", "membership"),
                                 request.ctx.union, pk=pk)
    events = worker.membership.events.all() if hasattr(worker, "membership") else []
    return render(request, "members/detail.html", {"worker": worker, "events": events})


@require_POST
@require("members.reveal")
def worker_reveal_view(request, pk: int, field: str):
    if field not in {"id_number", "mobile"}:
        raise Http404
    worker = get_in_union_or_404(worker_visible_to(request.ctx), request.ctx.union, pk=pk)
    value = worker_reveal(actor=request.user, worker=worker, field=field)
    return render(request, "members/_revealed.html", {"value": value, "field": field})

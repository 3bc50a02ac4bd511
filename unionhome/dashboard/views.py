from django.shortcuts import render
from django.utils import timezone

from unionhome.core.charts import to_svg
from unionhome.core.figures import When
from unionhome.core.panels import collect_alerts, collect_cards, collect_mine
from unionhome.core.permissions import login_only
from unionhome.dashboard.charts import charts_for
from unionhome.dashboard.checklist import pending_checklist
from unionhome.dashboard.queries import federation_figures, union_figures
from unionhome.members.queries import my_worker


@login_only
def home(request):
    ctx = request.ctx
    data = {"alerts": [], "cards": [], "figures": None, "federation": None, "checklist": None, "charts": []}
    if ctx.union is not None:
        data["checklist"] = pending_checklist(ctx)
        data["alerts"] = collect_alerts(ctx)
        data["cards"] = collect_cards(ctx)
        if ctx.has("federation.view"):
            data["federation"] = federation_figures(ctx.union)
        elif ctx.has("members.view_all"):
            data["figures"] = union_figures(ctx.union)
        if not ctx.has("federation.view"):
            data["when"] = when = When.for_year(timezone.localdate().year)
            data["charts"] = [(chart, to_svg(chart)) for chart in charts_for(ctx, when)]
    return render(request, "dashboard/home.html", data)


@login_only
def mine(request):
    """我的: what the platform holds about the signed-in member and what concerns them, from every app."""
    worker = my_worker(request.ctx)
    sections = collect_mine(request.ctx, worker) if worker is not None else []
    return render(request, "dashboard/mine.html", {"worker": worker, "sections": sections})

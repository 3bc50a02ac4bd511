from django.urls import reverse

from unionhome.core.panels import Alert, warnings_source
from unionhome.plans import queries


@warnings_source
def plan_warnings(ctx):
    if ctx.union is None or not ctx.has("plans.view"):
        return []
    return [Alert(w.level, w.code, w.message, reverse("plans:home") + f"?year={w.year}")
            for w in queries.year_warnings(ctx.union)]

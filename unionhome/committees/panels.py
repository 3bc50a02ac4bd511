from django.urls import reverse

from unionhome.committees.queries import structure_warnings
from unionhome.core.panels import Alert, warnings_source


@warnings_source
def committee_warnings(ctx):
    if ctx.union is None or not ctx.has("org.view") or not (ctx.has("members.view_all")):
        return []
    url = reverse("committees:home")
    return [Alert(w.level, w.code, w.message, url) for w in structure_warnings(ctx.union)]

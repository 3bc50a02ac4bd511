from django.urls import reverse

from unionhome.core.panels import Alert, warnings_source
from unionhome.meetings import queries


@warnings_source
def meeting_warnings(ctx):
    if ctx.union is None or not ctx.has("meetings.view"):
        return []
    return [Alert(w.level, w.code, w.message, reverse(w.url_name)) for w in queries.year_warnings(ctx.union)]

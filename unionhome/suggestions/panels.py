from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, MineItem, MineSection, mine_source, warnings_source
from unionhome.suggestions import queries


@warnings_source
def answers_overdue(ctx):
    """Suggestions past their answer date (``suggestions.answer_days``) and not yet answered."""
    if ctx.union is None or not ctx.has("suggestions.manage"):
        return []
    n = queries.overdue(ctx.union, timezone.localdate()).count()
    return [Alert("warning", "suggestions_overdue", _("%(n)s 条合理化建议已超过答复期限") % {"n": n},
                  reverse("suggestions:board"))] if n else []


@mine_source
def my_suggestions(ctx, worker):
    if ctx.user is None:
        return []
    rows = queries.mine(ctx.user)[:10]
    items = [MineItem(timezone.localtime(s.created_at).date(), s.title, url=reverse("suggestions:detail", args=[s.pk]),
                      note=s.get_status_display()) for s in rows]
    return [MineSection("suggestions", _("合理化建议"), items, order=70, url=reverse("suggestions:mine"),
                        empty=_("还没有提过建议"))] if items else []

"""The evaluation on the dashboard: what the committee still has to do, and the member's own honours (我的)."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, MineItem, MineSection, mine_source, warnings_source


@warnings_source
def evaluation_pending(ctx):
    """Objections waiting for an answer; a 公示 that ended and waits to be made final."""
    from unionhome.awards.models import Objection, Round

    if ctx.union is None or not ctx.has("awards.manage"):
        return []
    alerts = []
    for r in Round.objects.filter(union=ctx.union, status=Round.Status.PUBLISHED):
        url = reverse("awards:round", kwargs={"pk": r.pk})
        open_count = Objection.objects.filter(round=r, answered_at__isnull=True).count()
        if open_count:
            alerts.append(Alert("warning", "awards_objections_open",
                                _("%(title)s有%(n)s条公示异议待答复") % {"title": r.title, "n": open_count}, url))
        elif r.publicity_ends_on < timezone.localdate():
            alerts.append(Alert("info", "awards_publicity_ended",
                                _("%(title)s公示期已满，可以确定评选结果") % {"title": r.title}, url))
    return alerts


@mine_source
def my_honours(ctx, worker):
    from unionhome.awards.models import Award, Round

    honours = (Award.objects.filter(worker=worker, withdrawn=False, round__status=Round.Status.FINAL)
               .select_related("round", "kind").order_by("-year")[:20])
    items = [MineItem(a.round.finalised_on, _("%(year)s年度%(kind)s") % {"year": a.year, "kind": a.kind.name},
                      note=a.certificate_no) for a in honours]
    return [MineSection("awards", _("荣誉"), items, order=47)] if items else []

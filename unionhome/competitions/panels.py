from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.competitions.models import Competition
from unionhome.core.panels import Alert, Card, MineItem, MineSection, cards_source, mine_source, warnings_source


@cards_source
def competition_cards(ctx):
    if ctx.union is None or not ctx.has("competitions.view"):
        return []
    running = Competition.objects.for_union(ctx.union).filter(status=Competition.Status.RUNNING).count()
    if not running:
        return []
    return [Card(_("进行中的比赛"), str(running), reverse("competitions:list"), note=_("积分榜实时更新"), order=60)]


@warnings_source
def prizes_pending(ctx):
    """Finished competitions without prizes: the officers still have to award them (rule 19 applies)."""
    if ctx.union is None or not ctx.has("competitions.manage"):
        return []
    pending = Competition.objects.for_union(ctx.union).filter(status=Competition.Status.FINISHED,
                                                              prizes__isnull=True).distinct()
    return [Alert("info", "competition_prizes_pending", _("“%(title)s”已结束，尚未评奖") % {"title": c.title},
                  reverse("competitions:prizes", kwargs={"pk": c.pk})) for c in pending[:5]]


@mine_source
def my_competitions(ctx, worker):
    from unionhome.competitions.models import Entry, Prize

    prizes = {p.entry_id: p.title for p in Prize.objects.filter(entry__worker=worker)}
    entries = Entry.objects.filter(worker=worker).select_related("competition").order_by("-competition__held_on")[:20]
    items = [MineItem(e.competition.held_on, e.competition.title,
                      url=reverse("competitions:detail", args=[e.competition_id]),
                      note=prizes.get(e.pk, e.competition.get_status_display())) for e in entries]
    return [MineSection("competitions", _("比赛"), items, order=45, empty=_("没有参赛记录"))] if items else []

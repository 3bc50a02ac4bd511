from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, Card, MineItem, MineSection, cards_source, mine_source, warnings_source
from unionhome.elections.models import Election
from unionhome.elections.queries import elections_open_for, vacancies


@warnings_source
def by_elections_due(ctx):
    """A vacant seat stays on the dashboard until a by-election for it is held (regulations §1.6)."""
    if ctx.union is None or not ctx.has("elections.manage"):
        return []
    url = reverse("elections:manage")
    today = ctx_today()
    return [Alert("danger" if v.due < today else "warning", "by_election_due",
                  _("%(term)s：%(name)s自%(since)s出缺，须于%(due)s前完成增补选举") % {"term": v.term, "name": v.worker.name, "since": format(v.since, '%Y-%m-%d'), "due": format(v.due, '%Y-%m-%d')}, url)
            for v in vacancies(ctx.union, today=today)]


@warnings_source
def closings_waiting(ctx):
    """An online vote stopped and counted but not yet reported closed: the traces of voting wait to be purged."""
    if ctx.union is None or not ctx.has("elections.manage"):
        return []
    return [Alert("warning", "ballot_purge_waiting", _("%(title)s：已截止并计票，投票痕迹尚待清除，请在选举页重试完成闭票") % {"title": e.title},
                  reverse("elections:detail", args=[e.pk]))
            for e in Election.objects.filter(union=ctx.union, status=Election.Status.CLOSING)]


@cards_source
def my_open_votes(ctx):
    if ctx.union is None or not ctx.has("elections.vote"):
        return []
    pending = elections_open_for(ctx.union, ctx.worker_id)
    if not pending:
        return []
    return [Card(_("待投票的选举"), str(len(pending)), reverse("elections:home"), note=pending[0].title, order=5)]


def ctx_today():
    from django.utils import timezone

    return timezone.localdate()


@mine_source
def my_votes(ctx, worker):
    """Elections the member voted in online. How they voted is stored nowhere with their name (the ballot is
    unlinkable), so the receipt code cannot be shown again here: it was shown once, when the ballot was cast."""
    from unionhome.elections.models import Participation

    rows = Participation.objects.filter(worker=worker).select_related("election").order_by("-election__held_on")[:20]
    items = [MineItem(p.election.held_on, p.election.title, url=reverse("elections:detail", args=[p.election_id]),
                      note=_("已投票")) for p in rows]
    return [MineSection("votes", _("投票"), items, order=50, empty=_("没有网上投票记录"),
                        note=_("回执码只在投票后显示一次，凭回执码可在选举结果页核对选票已计入；系统不保存您的选择。"))]

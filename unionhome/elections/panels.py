from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, Card, cards_source, warnings_source
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

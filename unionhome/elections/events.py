"""What elections tell the voters (notifications): the event kinds and the wording of each message."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("elections.opened", _("选举开始投票"))
event_kind("elections.closed", _("选举投票结束"))


def tell_electorate(election, event: str) -> None:
    """Every elector fixed when the vote opened (应到会), thousands at most: one INSERT per 1,000."""
    from unionhome.members.models import Worker

    voters = Worker.objects.filter(pk__in=election.electors.values("worker_id"))
    online = election.mode == "online"
    if event == "elections.opened":
        title = gettext("选举开始：%(title)s") % {"title": election.title}
        if online:  # times as the member reads them (Asia/Shanghai)
            opens, closes = timezone.localtime(election.opens_at), timezone.localtime(election.closes_at)
            body = gettext("网上投票时间：%(opens)s 至 %(closes)s，请按时投票。") % {"opens": format(opens, '%Y-%m-%d %H:%M'), "closes": format(closes, '%Y-%m-%d %H:%M')}
            link = reverse("elections:vote", args=[election.pk])
        else:
            body = gettext("选举大会定于%(held_on)s举行，请按时参加。") % {"held_on": format(election.held_on, '%Y-%m-%d')}
            link = reverse("elections:home")
    else:
        title = gettext("投票结束：%(title)s") % {"title": election.title}
        body = gettext("投票已结束，结果经工会公布后可查看。")
        link = reverse("elections:home")
    if event == "elections.opened" and online:
        # the ballot is for logins that may vote; an elector whose login holds another role only (the admin's) is
        # told the same but pointed at the elections page they may open, not at a ballot that answers 403
        from django.contrib.auth import get_user_model

        from unionhome.accounts.models import RoleAssignment
        from unionhome.core.permissions import registry

        may_vote = RoleAssignment.objects.filter(union=election.union,
                                                 role__in=registry()["elections.vote"].roles).values("user_id")
        logins = get_user_model().objects.filter(profile__worker__in=voters)
        notify(recipients=logins.exclude(pk__in=may_vote), event=event, union=election.union,
               link=reverse("elections:home"), title=title, body=body)
        voters = logins.filter(pk__in=may_vote)
    notify(recipients=voters, event=event, union=election.union, link=link, title=title, body=body)

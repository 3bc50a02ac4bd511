"""What the electorate is told when an online vote opens: the link leads each login to a page it may open."""
from __future__ import annotations

from unionhome.elections.models import Election
from unionhome.elections.tests import setup
from unionhome.notifications.models import Notification


def test_an_elector_whose_login_may_not_vote_is_pointed_at_the_elections_page_not_the_ballot(cast, client_for):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    member = Notification.objects.get(recipient=cast.users["member"], event="elections.opened")
    assert member.link == f"/elections/{election.pk}/vote/"
    # the cast's admin is a member (an elector) whose login holds the admin role only: no ballot for it
    admin = Notification.objects.get(recipient=cast.users["admin"], event="elections.opened")
    assert admin.link == "/elections/" and admin.title == member.title
    client = client_for(cast.users["admin"])
    assert client.get(f"/notifications/{admin.pk}/open/", follow=True).status_code == 200

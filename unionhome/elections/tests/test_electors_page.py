"""The chair names the representatives (会员代表) of a representatives' congress on the election's setup page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.elections.models import Election
from unionhome.elections.tests import setup
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db


def test_the_setup_page_offers_members_in_good_standing_by_union_group(cast, client_for):
    election = setup.representatives(cast)
    membership_retire(actor=None, worker=cast.workers["finance"], on=setup.today())
    page = client_for(cast.users["chair"]).get(f"/elections/{election.pk}/").content.decode()
    assert 'id="electors-form"' in page and "elections/electors.js" in page
    group1 = page[page.index(f'data-group="g{cast.groups[0].pk}"'):page.index(f'data-group="g{cast.groups[1].pk}"')]
    assert "张三" in group1 and "吴十" in group1 and "王五" not in group1
    assert f'value="{cast.workers["finance"].pk}"' not in page  # retained: never offered
    assert 'id="elector-count">0<' in page


def test_saving_the_ticked_members_names_them_and_the_vote_opens_with_them(cast, client_for):
    election = setup.representatives(cast)
    client = client_for(cast.users["chair"])
    chosen = [cast.workers[r] for r in ("member", "chair", "committee")]
    response = client.post(f"/elections/{election.pk}/electors/", {"workers": [w.pk for w in chosen]})
    assert response.status_code == 302
    assert set(election.electors.values_list("worker_id", flat=True)) == {w.pk for w in chosen}
    page = client.get(f"/elections/{election.pk}/").content.decode()
    assert 'id="elector-count">3<' in page and f'value="{chosen[0].pk}" id="elector-{chosen[0].pk}" checked' in page
    client.post(f"/elections/{election.pk}/open/", {})
    election.refresh_from_db()
    assert election.status == Election.Status.OPEN and election.entitled == 3
    assert 'id="elector-summary"' in client.get(f"/elections/{election.pk}/").content.decode()


def test_a_retained_member_posted_anyway_is_refused_and_nothing_changes(cast, client_for):
    election = setup.representatives(cast)
    membership_retire(actor=None, worker=cast.workers["finance"], on=setup.today())
    client = client_for(cast.users["chair"])
    response = client.post(f"/elections/{election.pk}/electors/", {"workers": [cast.workers["finance"].pk]},
                           follow=True)
    assert "会员代表" in response.content.decode() and not election.electors.exists()


def test_a_members_congress_has_no_representatives_picker(cast, client_for):
    election = setup.general(cast)
    page = client_for(cast.users["chair"]).get(f"/elections/{election.pk}/").content.decode()
    assert "electors-form" not in page and "electors.js" not in page


def test_the_picker_query_count_does_not_grow_with_the_members(cast, client_for, django_assert_num_queries):
    election = setup.representatives(cast)
    client = client_for(cast.users["chair"])
    url = f"/elections/{election.pk}/"
    setup.extra_members(cast, 2)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    setup.extra_members(cast, 20, start=1250)
    with django_assert_num_queries(len(ctx.captured_queries)):
        assert client.get(url).status_code == 200

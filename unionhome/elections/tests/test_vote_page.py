"""The ballot page casts only after the voter confirms the choices shown back (item 40)."""
import pytest
from django.urls import reverse

from unionhome.elections.models import Election, Participation
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db


def test_the_ballot_is_cast_only_after_the_choices_are_confirmed(cast, client_for):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    fields = {f"c{c.pk}": "F" if c.worker_id == cast.workers["committee"].pk else "X"
              for c in election.candidates.filter(confirmed=True)}
    client = client_for(cast.users["member"])
    url = reverse("elections:vote", args=[election.pk])
    page = client.post(url, fields).content.decode()
    assert 'id="confirm-choices"' in page and "王五" in page and 'id="receipt"' not in page
    assert not Participation.objects.filter(election=election).exists()
    page = client.post(url, {**fields, "edit": "1"}).content.decode()
    assert 'id="ballot"' in page and not Participation.objects.filter(election=election).exists()
    page = client.post(url, {**fields, "confirm": "1"}).content.decode()
    assert 'id="receipt"' in page and Participation.objects.filter(election=election).count() == 1


def test_what_the_cast_would_refuse_is_refused_before_the_confirmation(cast, client_for):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    ballot_cast(actor=None, election=election, worker=cast.workers["member"], marks={})
    fields = {f"c{c.pk}": "X" for c in election.candidates.filter(confirmed=True)}
    response = client_for(cast.users["member"]).post(reverse("elections:vote", args=[election.pk]), fields)
    assert response.status_code == 422 and 'id="confirm-choices"' not in response.content.decode()

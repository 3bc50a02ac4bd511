"""Who holds office, and when: approval before office, removing a chair, the organiser option (rules 8, 10, 11)."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.committees.models import Position
from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
START = dt.date(2024, 3, 1)
APPROVAL = dict(approved_on=dt.date(2024, 3, 10), approval_document="县总工发〔2024〕3号", approved_by="测试县总工会")


def pending_term(cast, **kw):
    return term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5,
                       seats=kw.pop("seats", 3), **kw)


def test_no_position_is_assigned_on_a_term_still_awaiting_the_higher_unions_approval(cast):
    term = pending_term(cast)
    with pytest.raises(RuleViolation) as exc:
        position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    assert exc.value.code == "term_not_active"
    assert not term.positions.exists()
    term = term_approve(actor=None, term=term, **APPROVAL)
    assert position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair",
                           started_on=APPROVAL["approved_on"]).title == Position.Title.CHAIR


def test_the_term_page_offers_no_assignment_before_approval_and_refuses_a_forged_one(cast, client_for):
    term = pending_term(cast)
    client = client_for(cast.users["chair"])
    url = reverse("committees:term", args=[term.pk])
    assert 'id="assign-form"' not in client.get(url).content.decode()
    response = client.post(reverse("committees:position_assign", args=[term.pk]),
                           {"worker": cast.workers["chair"].pk, "title": "chair", "started_on": "2024-03-01"},
                           follow=True)
    assert "尚未经上级工会批复" in response.content.decode()
    assert not term.positions.exists()
    response = client.post(reverse("api:committees_position_assign", args=[term.pk]),
                           {"worker_id": cast.workers["chair"].pk, "title": "chair", "started_on": "2024-03-01"},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "term_not_active"

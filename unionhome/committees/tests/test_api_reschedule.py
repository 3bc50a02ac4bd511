"""Rule 9 through the API: the higher union's approval of an early or late election, as on the term page."""
import datetime as dt

import pytest

from unionhome.committees.services import term_approve, term_create

pytestmark = pytest.mark.django_db
JSON = "application/json"
BODY = {"approved_on": "2025-02-01", "hold_by": "2025-06-30", "approval_document": "县总工发〔2025〕9号",
        "approved_by": "测试县总工会"}


def _term(cast, approve=True):
    term = term_create(actor=None, union=cast.union, kind="women", number=7, starts_on=dt.date(2025, 1, 1), years=5,
                       seats=3)
    if approve:
        term = term_approve(actor=None, term=term, approved_on=dt.date(2025, 1, 10),
                            approval_document="县总工发〔2025〕1号", approved_by="测试县总工会")
    return term


def test_the_chair_records_the_approval_and_an_incomplete_one_is_refused(cast, client_for):
    term = _term(cast)
    url = f"/api/v1/committees/terms/{term.pk}/reschedule"
    chair = client_for(cast.users["chair"])
    incomplete = chair.post(url, {**BODY, "approved_by": " "}, content_type=JSON)
    assert incomplete.status_code == 422 and incomplete.json()["code"] == "approval_incomplete"
    early = chair.post(url, {**BODY, "hold_by": "2025-01-01"}, content_type=JSON)
    assert early.status_code == 422 and early.json()["code"] == "hold_by_invalid"
    assert chair.post(url, BODY, content_type=JSON).status_code == 200
    term.refresh_from_db()
    assert term.reschedule_by == dt.date(2025, 6, 30) and term.reschedule_document == "县总工发〔2025〕9号"
    assert client_for(cast.users["committee"]).post(url, BODY, content_type=JSON).status_code == 403


def test_a_term_not_in_office_is_refused_with_the_pages_code(cast, client_for):
    term = _term(cast, approve=False)
    response = client_for(cast.users["chair"]).post(f"/api/v1/committees/terms/{term.pk}/reschedule", BODY,
                                                    content_type=JSON)
    assert response.status_code == 409 and response.json()["code"] == "term_not_active"

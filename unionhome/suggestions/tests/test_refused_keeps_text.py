"""A suggestion the service refuses comes back on its form with everything the member typed (a phone user must
not type a long suggestion twice)."""
import pytest

from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db


def test_a_refused_suggestion_keeps_the_typed_text(cast, client_for, monkeypatch):
    from unionhome.suggestions import services

    def refuse(**kw):
        raise RuleViolation("suggestion_refused_for_test", "今日提交次数已满", field="text")

    monkeypatch.setattr(services, "suggestion_submit", refuse)
    text = "建议在职工之家增设母婴室，方便哺乳期女职工。" * 3
    response = client_for(cast.users["member"]).post("/suggestions/new/", {
        "title": "增设母婴室", "text": text, "category": "welfare"})
    body = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "今日提交次数已满" in body and text in body and "增设母婴室" in body

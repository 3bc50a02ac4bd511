"""A disclosure the service refuses comes back on its form with the typed text, not a redirect that loses it."""
import pytest

from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db


def test_a_refused_disclosure_keeps_the_typed_text(cast, client_for, monkeypatch):
    from unionhome.disclosures import services

    def refuse(**kw):
        raise RuleViolation("content_refused_for_test", "公开内容含有未脱敏的身份证号", field="content")

    monkeypatch.setattr(services, "item_create", refuse)
    content = "2026年上半年工会经费收支情况：收入十二万元，支出八万元。" * 3
    response = client_for(cast.users["chair"]).post("/disclosures/new/", {
        "title": "上半年经费收支", "kind": "funds", "publisher": "工会委员会", "place": "board", "content": content})
    body = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "公开内容含有未脱敏的身份证号" in body and content in body

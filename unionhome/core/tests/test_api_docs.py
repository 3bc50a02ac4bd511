import re

import pytest

pytestmark = pytest.mark.django_db


def test_api_docs_load_nothing_from_another_host(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger" in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_openapi_document_is_served(client):
    data = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/members/workers" in data["paths"]

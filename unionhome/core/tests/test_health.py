"""The health endpoint, the per-request log line, and the answer while the database is away."""
import json
import logging

import pytest
from django.db import OperationalError
from django.test import Client

from unionhome.core import health as health_module

pytestmark = pytest.mark.django_db


def test_health_says_ok_without_login_and_without_people(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def test_health_is_503_when_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(health_module, "_migrated", False)
    monkeypatch.setattr(health_module.MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["migrations"] == "pending"


def test_health_is_503_when_the_database_is_away(client, monkeypatch):
    def away(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", away)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


@pytest.mark.parametrize("path, is_json", [("/members/", False), ("/api/v1/members/workers", True)])
def test_pages_and_api_answer_503_in_chinese_when_the_database_is_away(cast, monkeypatch, path, is_json):
    client = Client(raise_request_exception=False)
    client.force_login(cast.users["chair"], backend="django.contrib.auth.backends.ModelBackend")

    def away(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", away)
    response = client.get(path)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    body = response.json()["message"] if is_json else response.content.decode()
    assert "数据库暂时无法连接" in body


def test_each_request_is_logged_as_one_json_line_without_its_query(client, caplog):
    with caplog.at_level(logging.INFO, logger="unionhome.requests"):
        client.get("/healthz?q=张三")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "unionhome.requests"]
    assert lines == [{"method": "GET", "path": "/healthz", "route": "health", "status": 200, "ms": lines[0]["ms"]}]
    assert "张三" not in caplog.text

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


def _logged(client, path, caplog):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="unionhome.requests"):
        client.get(path)
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "unionhome.requests"]
    return line


def test_the_log_line_names_no_user_and_no_searched_name_or_id_number(cast, client_for, caplog):
    client = client_for(cast.users["chair"])
    line = _logged(client, "/members/?q=张三&id_number=110101199001011234", caplog)
    assert line["path"] == "/members/" and line["status"] == 200
    text = json.dumps(line, ensure_ascii=False)
    for secret in ("张三", "110101199001011234", "t_chair", "127.0.0.1"):
        assert secret not in text


def test_the_log_line_keeps_record_ids_but_not_tokens_in_the_path(cast, client_for, caplog):
    client = client_for(cast.users["chair"])
    worker = cast.workers["member"]
    assert _logged(client, f"/members/{worker.pk}/", caplog)["path"] == f"/members/{worker.pk}/"
    line = _logged(client, "/members/apply/secret-join-token-abc/", caplog)
    assert line["path"] == "/members/apply/<token>/" and "secret-join-token" not in json.dumps(line)


def test_an_unrouted_path_is_logged_with_names_and_long_numbers_starred(cast, client, caplog):
    line = _logged(client, "/nothing/110101199001011234/张三/13800138000", caplog)
    assert line["status"] == 404 and line["path"] == "/nothing/*/*/*"


@pytest.mark.parametrize("proxies, forwarded, expected", [
    (0, "203.0.113.9", "10.0.0.2"),                   # no proxy configured: the header is the client's, ignored
    (1, "203.0.113.9", "203.0.113.9"),                # nginx set it
    (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is not believed
    (2, "198.51.100.66, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
    (1, "", "10.0.0.2"),
])
def test_the_client_address_behind_proxies(rf, settings, proxies, forwarded, expected):
    from unionhome.core.middleware import client_ip

    settings.UNIONHOME_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_psycopg_s_own_connection_error_is_a_503_too(cast, monkeypatch):
    """A raw COPY (the roster import) raises psycopg's error, which Django does not wrap."""
    import psycopg

    client = Client(raise_request_exception=False)
    client.force_login(cast.users["chair"], backend="django.contrib.auth.backends.ModelBackend")

    def away(self, *args, **kwargs):
        raise psycopg.OperationalError("sending copy data failed: server closed the connection unexpectedly")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", away)
    response = client.get("/api/v1/members/workers")
    assert response.status_code == 503 and response.json()["code"] == "database_unavailable"

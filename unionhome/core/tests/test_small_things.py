import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_names_a_favicon_served_by_the_platform(cast, client_for):
    body = client_for(cast.users["member"]).get(reverse("accounts:profile")).content.decode()
    assert 'rel="icon" href="/static/core/favicon.svg"' in body
    assert b"<svg" in b"".join(Client().get("/static/core/favicon.svg").streaming_content)
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/core/favicon.ico"
    icon = Client().get("/static/core/favicon.ico")
    assert icon.status_code == 200 and b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_a_refused_page_logs_one_line_without_a_traceback(cast, client_for, caplog):
    client = client_for(cast.users["member"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("audit:list")).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None for r in records)
    assert "Forbidden" in records[0].getMessage()
    assert "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback_in_the_log():
    from unionhome.core.log_filters import NoTracebackForClientErrors

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (),
                                   sys.exc_info())
    record.status_code = 500
    assert NoTracebackForClientErrors().filter(record) and record.exc_info is not None

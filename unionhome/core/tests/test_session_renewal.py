"""The idle logout's clock (core.middleware.PageSessionMiddleware): every request a person makes renews it, a
page's pictures do not; and a request that only renews it never turns into a 400 when the session ends while it
runs (a logout, or a sign-in as someone else, in another tab while the page's photos are still loading)."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from unionhome.accounts import middleware as accounts_middleware
from unionhome.activities.tests.routes import photo

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture
def chair(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    assert sign_in(client, "t_chair").status_code == 302
    return client


def _session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def logged_out_meanwhile(monkeypatch):
    """``logged_out_meanwhile(client)``: the next request of ``client`` has its session ended by a logout in
    another tab (another client holding the same cookie) after it has read the session and before it answers:
    where a real logout lands while a page's photos are still being fetched."""

    def arm(client):
        other = Client()
        other.cookies = client.cookies
        context_for = accounts_middleware.context_for

        def read_then_logged_out(user, union_id):
            ctx = context_for(user, union_id)
            monkeypatch.setattr(accounts_middleware, "context_for", context_for)
            assert other.post(reverse("accounts:logout")).status_code == 302
            return ctx

        monkeypatch.setattr(accounts_middleware, "context_for", read_then_logged_out)

    return arm


def _photo_url(cast):
    return reverse("activities:photo", kwargs=photo(cast))


@pytest.mark.parametrize("what", ["photo", "chart", "page", "htmx search"])
def test_a_request_under_way_when_the_session_ends_is_answered_and_the_session_stays_ended(
        cast, chair, logged_out_meanwhile, what):
    """Django's SESSION_SAVE_EVERY_REQUEST answered these 400 ("the request's session was deleted before the
    request completed"): the photo as a broken image on the page the person was leaving."""
    url, headers = {
        "photo": (_photo_url(cast), {}),
        "chart": (reverse("dashboard:chart_png", kwargs={"key": "budget_vs_actual"}), {}),
        "page": (reverse("members:list"), {}),
        "htmx search": (reverse("members:list") + "?q=" + cast.workers["member"].name[:1], {"HTTP_HX_REQUEST": "true"}),
    }[what]
    key = _session_key(chair)
    logged_out_meanwhile(chair)
    response = chair.get(url, **headers)
    assert response.status_code == 200
    assert not Session.objects.filter(session_key=key).exists()  # not brought back by the renewal
    assert not Session.objects.exists()
    after = chair.get(reverse("members:list"))
    assert after.status_code == 302 and after["Location"].startswith(LOGIN)


def test_a_request_that_changed_the_session_is_still_refused_when_the_session_ended_meanwhile(
        cast, chair, logged_out_meanwhile):
    """What the session middleware must not do: save a change into a session a logout has just ended (it would
    log the person back in). Django answers 400 for it, and still does."""
    logged_out_meanwhile(chair)
    response = chair.post(reverse("accounts:switch_union"), {"union": cast.union.pk})
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_a_pages_pictures_do_not_renew_the_idle_clock_and_write_nothing(cast, chair):
    url = _photo_url(cast)
    key = _session_key(chair)
    soon = timezone.now() + dt.timedelta(minutes=1)
    Session.objects.filter(pk=key).update(expire_date=soon)
    with CaptureQueriesContext(connection) as queries:
        response = chair.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert Session.objects.get(pk=key).expire_date == soon
    # what the person does renews it: a page, and a page's htmx request
    assert chair.get(reverse("members:list"), HTTP_HX_REQUEST="true").status_code == 200
    assert Session.objects.get(pk=key).expire_date > timezone.now() + dt.timedelta(minutes=29)


def test_a_session_past_its_idle_time_is_not_renewed_by_a_picture(cast, chair):
    url = _photo_url(cast)
    Session.objects.filter(pk=_session_key(chair)).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = chair.get(url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert chair.get(reverse("members:list")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_pages_photos_load_together_with_one_session(cast, settings, tmp_path, live_server):
    """The browser fetches a page's photos several at a time, each with the same session. When each of them
    renewed the session, the writes collided: on the test server (one SQLite connection shared by its threads)
    as 400 and 500 answers — the phone walk's broken photo —, and on SQLite in production as one write lock
    taken per picture."""
    settings.MEDIA_ROOT = tmp_path
    url = live_server.url + _photo_url(cast)
    client = Client()
    assert sign_in(client, "t_chair").status_code == 302
    cookie = f"{settings.SESSION_COOKIE_NAME}={_session_key(client)}"

    def fetch(_):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(fetch, range(160)))
    assert {status: answers.count(status) for status in set(answers)} == {200: 160}


def test_the_competition_boards_own_refresh_does_not_renew_the_idle_clock(cast):
    """A member watching a running competition: the board refreshes itself every 30 s (``POLL_HEADER``). Were that
    renewing the session, a phone left on the board would never be logged out."""
    from unionhome.competitions.tests.routes import running
    from unionhome.core.middleware import POLL_HEADER

    member = Client()
    assert sign_in(member, "t_member").status_code == 302
    page = member.get(reverse("competitions:detail", kwargs=running(cast))).content.decode()
    board = re.search(r'<div id="board"[^>]*>', page).group(0)
    poll_url = re.search(r'hx-get="([^"]+)"', board).group(1)
    assert 'hx-trigger="every 30s"' in board and json.loads(html.unescape(
        re.search(r"hx-headers='([^']+)'", board).group(1))) == {POLL_HEADER: "1"}
    key = _session_key(member)
    soon = timezone.now() + dt.timedelta(minutes=1)
    Session.objects.filter(pk=key).update(expire_date=soon)
    response = member.get(poll_url, HTTP_HX_REQUEST="true", headers={POLL_HEADER: "1"})
    assert response.status_code == 200 and "board" in response.content.decode()
    assert Session.objects.get(pk=key).expire_date == soon
    # the member opening the board themselves does renew it
    assert member.get(poll_url, HTTP_HX_REQUEST="true").status_code == 200
    assert Session.objects.get(pk=key).expire_date > timezone.now() + dt.timedelta(minutes=29)


def test_an_htmx_request_after_the_idle_logout_takes_the_whole_page_to_the_login(cast):
    """The board's refresh once the session has ended: htmx would follow a plain redirect and put the login form
    inside the board; ``HX-Redirect`` takes the whole page there, and back to the board after signing in."""
    from unionhome.competitions.tests.routes import running

    kwargs = running(cast)
    page = reverse("competitions:detail", kwargs=kwargs)
    response = Client().get(reverse("competitions:board", kwargs=kwargs), HTTP_HX_REQUEST="true",
                            HTTP_HX_CURRENT_URL=f"http://testserver{page}?tab=1")
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{LOGIN}?next={urllib.parse.quote(page + '?tab=1', safe='/')}"
    elsewhere = Client().get(reverse("competitions:board", kwargs=kwargs), HTTP_HX_REQUEST="true",
                             HTTP_HX_CURRENT_URL="http://evil.example/phish")
    assert elsewhere["HX-Redirect"] == f"{LOGIN}?next=/"  # never back to another host
    plain = Client().get(reverse("competitions:board", kwargs=kwargs))
    assert plain.status_code == 302 and plain["Location"].startswith(LOGIN)

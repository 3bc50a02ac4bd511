"""End to end: with English chosen, the funds, care, elections (the vote page included) and competitions pages
show no Chinese except the data people typed or imported (names, notes, titles, account names).

The test walks every page it can reach from each app's home page, as the chair and as a member, and checks
every run of Chinese characters on a page against the text stored in the database.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from unionhome.core.tests.test_translation import CJK

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_chinese():
    """A request in English leaves English active in the thread; the next test starts in the default again."""
    yield
    translation.deactivate()

RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
HREF = re.compile(r'href="(/(?:funds|care|elections|competitions)/[^"#?]*)"')
APPS = ("/funds/", "/care/", "/elections/", "/competitions/")


def _flatten(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(key)
            yield from _flatten(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item)
    elif value not in (None, ""):
        text = str(value)
        yield text
        yield from (line.strip() for line in text.splitlines() if line.strip())


def _stored_text() -> list[str]:
    """Every text value in the database holding Chinese, longest first: data shows as typed in any language."""
    values = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            values.update(v for v in _flatten(row) if CJK.search(v))
    return sorted(values, key=len, reverse=True)


def _visible(page: str) -> str:
    """The page without scripts, comments and form values (a choice's value is stored data, its label is shown)."""
    page = re.sub(r'(?s)<script.*?</script>|<!--.*?-->| value="[^"]*"', "", page)
    return html.unescape(page)


def _untranslated(page: str, data: list[str]) -> set[str]:
    """The Chinese left on a page once every stored value shown on it is taken out."""
    text = _visible(page)
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    for _code, name in settings.LANGUAGES:
        text = text.replace(str(name), " ")  # each language is named in its own language
    return set(RUN.findall(text))


def _data(cast):
    from unionhome.care.services import visits
    from unionhome.competitions.tests.factories import competition
    from unionhome.elections.models import Election
    from unionhome.elections.tests import setup
    from unionhome.funds.services import entry_post

    entry_post(actor=None, union=cast.union, on=dt.date(2025, 3, 10), kind="expense", category="activity",
               subcategory="culture_sports", amount=Decimal("88.00"), note="趣味运动会场地费")
    visits.visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                        kind="hospital", visited_on=dt.date.today() - dt.timedelta(days=3), amount=Decimal("300"),
                        gift="水果", officers=[cast.workers["committee"]])
    competition(cast)
    return setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))


def _walk(client, start: list[str], limit: int = 80) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url, headers={"accept-language": "en"})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        page = response.content.decode()
        seen[url] = page
        queue.extend(u for u in HREF.findall(page) if u not in seen and "/export" not in u)
    return seen


def test_funds_care_elections_and_competitions_pages_show_no_chinese_but_data_in_english(cast, client_for):
    election = _data(cast)
    pages = {}
    pages.update(_walk(client_for(cast.users["chair"]), list(APPS)))
    pages.update(_walk(client_for(cast.users["member"]), [*APPS, f"/elections/{election.pk}/vote/"]))
    data = _stored_text()
    visited = [url for url, page in pages.items() if page]
    assert f"/elections/{election.pk}/vote/" in visited
    assert any(u.startswith("/funds/") for u in visited) and any(u.startswith("/care/") for u in visited)
    assert any(u.startswith("/competitions/") for u in visited)
    report = {url: sorted(_untranslated(page, data)) for url, page in pages.items() if page}
    report = {url: runs for url, runs in report.items() if runs}
    assert not report, "Chinese left on English pages:\n" + "\n".join(f"{u}: {r}" for u, r in report.items())


def test_the_vote_page_reads_in_english(cast, client_for):
    from unionhome.elections.models import Election
    from unionhome.elections.tests import setup

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    page = client_for(cast.users["member"]).get(f"/elections/{election.pk}/vote/",
                                                headers={"accept-language": "en"}).content.decode()
    assert 'id="ballot"' in page
    assert '"For", "Against" or "Abstain"' in html.unescape(page)
    assert not _untranslated(page, _stored_text())


def test_chinese_stays_the_default(cast, client_for):
    from unionhome.elections.models import Election
    from unionhome.elections.tests import setup

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    page = client_for(cast.users["member"]).get(f"/elections/{election.pk}/vote/").content.decode()
    assert "赞成" in page and "弃权" in page and CJK.search(page)

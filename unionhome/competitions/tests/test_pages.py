"""Pages and documents: htmx result entry, errors shown in Chinese, .docx output, the API's error bodies."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from unionhome.competitions import services
from unionhome.competitions.models import Format, Match, Sport
from unionhome.competitions.tests.factories import DAY, competition, start

pytestmark = pytest.mark.django_db


def test_an_officer_records_a_result_with_htmx_and_gets_the_updated_board(cast, client_for):
    c = start(cast, competition(cast, entrants=3))
    match = Match.objects.filter(competition=c).first()
    client = client_for(cast.users["committee"])
    url = reverse("competitions:result_record", kwargs={"pk": c.pk, "match_pk": match.pk})
    response = client.post(url, {"result": "1-0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="standings"' in response.content.decode()
    match.refresh_from_db()
    assert match.score_a == 1
    response = client.post(url, {"sets": "25:3"}, HTTP_HX_REQUEST="true")  # no result chosen
    assert "对局结果只能是" in response.content.decode()


def test_an_invalid_set_score_is_refused_with_a_chinese_message_and_nothing_is_written(cast, client_for):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=2))
    match = Match.objects.get(competition=c)
    client = client_for(cast.users["chair"])
    url = reverse("competitions:result_record", kwargs={"pk": c.pk, "match_pk": match.pk})
    body = client.post(url, {"sets": "11:10 11:3 11:4"}, HTTP_HX_REQUEST="true").content.decode()
    assert "须领先2分" in body
    match.refresh_from_db()
    assert match.sets is None
    body = client.post(url, {"sets": "11:9 11:3 11:4"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="champion"' in body


def test_the_api_answers_a_bad_result_with_code_and_message(cast, client_for):
    c = start(cast, competition(cast, entrants=2))
    match = Match.objects.get(competition=c)
    client = client_for(cast.users["chair"])
    url = reverse("api:competitions_result", kwargs={"competition_id": c.pk, "match_id": match.pk})
    response = client.post(url, {"result": "3-0"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "result_invalid"
    response = client.post(url, {"result": "0-1"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "finished"


def test_results_and_certificates_are_word_documents_with_one_certificate_per_page(cast, client_for):
    c = start(cast, competition(cast, entrants=6))
    for m in Match.objects.filter(competition=c):
        services.result_record(actor=cast.users["chair"], match=m, result="1-0" if m.a.seed < m.b.seed else "0-1")
    services.prizes_award(actor=cast.users["chair"], competition=c,
                          tiers=[("一等奖", 1, Decimal(300)), ("二等奖", 1, Decimal(200))], on=DAY)
    client = client_for(cast.users["chair"])
    doc = Document(io.BytesIO(client.get(reverse("competitions:results_docx", kwargs={"pk": c.pk})).content))
    standings = doc.tables[0]
    assert len(standings.rows) == 7 and standings.rows[1].cells[0].text == "1"
    doc = Document(io.BytesIO(client.get(reverse("competitions:certificates_docx", kwargs={"pk": c.pk})).content))
    xml = doc.element.body.xml
    assert xml.count('w:type="page"') == 1  # two certificates, one page break between them
    assert "一等奖" in xml and "二等奖" in xml


def test_the_detail_page_query_count_does_not_grow_with_the_rounds(cast, client_for):
    client = client_for(cast.users["member"])
    counts = []
    for n in (3, 7):
        c = start(cast, competition(cast, entrants=n))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("competitions:detail", kwargs={"pk": c.pk})).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_a_prize_list_over_the_ratio_is_refused_on_the_page(cast, client_for):
    c = start(cast, competition(cast, entrants=3))
    for m in Match.objects.filter(competition=c):
        services.result_record(actor=cast.users["chair"], match=m, result="1-0" if m.a.seed < m.b.seed else "0-1")
    client = client_for(cast.users["chair"])
    response = client.post(reverse("competitions:prizes", kwargs={"pk": c.pk}),
                           {"title_1": "一等奖", "count_1": 2, "amount_1": "100", "awarded_on": "2026-05-01"})
    assert response.status_code == 200
    assert "规则19" in response.content.decode()


def test_an_officer_creates_a_competition_from_the_form_and_bad_input_is_answered_in_chinese(cast, client_for):
    from unionhome.activities.tests.helpers import make_activity

    activity = make_activity(cast, title="五一排球赛")
    client = client_for(cast.users["committee"])
    url = reverse("competitions:create")
    data = {"title": "排球赛", "sport": "volleyball", "format": "team_round_robin", "entry_kind": "person",
            "held_on": "2026-05-03", "activity": activity.pk, "best_of": "3"}
    response = client.post(url, data)
    assert response.status_code == 200 and "团体循环赛须以小组团体参赛" in response.content.decode()
    response = client.post(url, {**data, "entry_kind": "team"})
    assert response.status_code == 302
    from unionhome.competitions.models import Competition

    c = Competition.objects.get(title="排球赛")
    assert c.activity == activity and c.best_of == 3 and c.set_points == 25


def test_the_dashboard_shows_running_competitions_and_asks_officers_to_award_prizes(cast, client_for):
    from unionhome.accounts.queries import context_for
    from unionhome.core.panels import collect_alerts, collect_cards

    c = start(cast, competition(cast, entrants=2))
    member = context_for(cast.users["member"], None)
    assert any(card.title == "进行中的比赛" for card in collect_cards(member))
    services.result_record(actor=cast.users["chair"], match=Match.objects.get(competition=c), result="1-0")
    assert any(a.code == "competition_prizes_pending" for a in collect_alerts(context_for(cast.users["chair"], None)))
    assert not any(a.code == "competition_prizes_pending" for a in collect_alerts(member))

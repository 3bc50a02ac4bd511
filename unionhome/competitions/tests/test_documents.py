"""Results and certificates (item 41, item 8): A4, Chinese dates without leading zeros, quotation marks never
doubled, Chinese file names, and no answer 500 on stored control or direction-override characters."""
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document

from unionhome.competitions import services
from unionhome.competitions.models import Competition, Entry, Match
from unionhome.competitions.tests.factories import DAY, competition, start

pytestmark = pytest.mark.django_db
BAD = "\x07\x1b\u200b\u202e\u2066\u2069\ufeff"


def test_certificates_and_results_print_cleanly_on_a4_with_chinese_dates_quotes_and_file_names(cast, client_for):
    c = start(cast, competition(cast, entrants=4))
    for m in Match.objects.filter(competition=c):
        services.result_record(actor=cast.users["chair"], match=m, result="1-0" if m.a.seed < m.b.seed else "0-1")
    services.prizes_award(actor=cast.users["chair"], competition=c, tiers=[("一等奖", 1, Decimal(300))], on=DAY)
    # Stored before input was checked (an import, the API): the documents must still come out, cleaned.
    Competition.objects.filter(pk=c.pk).update(title=f"“迎新春”杯{BAD}象棋赛")
    Entry.objects.filter(competition=c).update(name=f"张{BAD}三")
    client = client_for(cast.users["chair"])
    for url, name in (("competitions:results_docx", "“迎新春”杯象棋赛成绩表.docx"),
                      ("competitions:certificates_docx", "“迎新春”杯象棋赛荣誉证书.docx")):
        response = client.get(reverse(url, kwargs={"pk": c.pk}))
        assert response.status_code == 200
        assert unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == name
        doc = Document(io.BytesIO(response.content))
        assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].page_height.mm)) == (210, 297)
        body = "\n".join([p.text for p in doc.paragraphs] +
                         [cell.text for t in doc.tables for r in t.rows for cell in r.cells])
        assert "张三" in body and not set(BAD) & set(body)
        if url == "competitions:certificates_docx":
            assert "“‘迎新春’杯象棋赛”" in body and "““" not in body and "””" not in body
            assert "2026年5月1日" in body and "05月" not in body
        else:
            assert "2026年5月1日" in body

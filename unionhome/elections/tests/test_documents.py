"""Election documents (items 41 and 8): A4, Chinese dates without leading zeros, Chinese file names, and no
document ever answers 500 on stored text — control, zero-width and direction-override characters included."""
import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document

from unionhome.core.models import Union
from unionhome.elections import services
from unionhome.elections.tests import setup
from unionhome.members.models import Worker

pytestmark = pytest.mark.django_db
BAD = "\x07\x1b\u200b\u200d\u2060\ufeff\u202e\u2066\u2069\u200f"


def text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def download(client, election, doc):
    response = client.get(reverse("elections:document", kwargs={"pk": election.pk, "doc": doc}))
    assert response.status_code == 200, doc
    return response


def test_ballot_and_tally_download_even_with_control_and_direction_characters_stored_in_names(cast, client_for):
    election = setup.general(cast)
    # Stored before input was checked (an import, the API): the documents must still come out, cleaned.
    Worker.objects.filter(pk=cast.workers["member"].pk).update(name=f"张{BAD}三")
    Union.objects.filter(pk=cast.union.pk).update(name=f"测试{BAD}机关工会")
    client = client_for(cast.users["chair"])
    for doc in ("ballot", "tally"):
        body = text(download(client, election, doc).content)
        assert "张三" in body
        assert "测试机关工会" in body or doc != "ballot"
        assert not set(BAD) & set(body), doc


def test_documents_are_a4_with_chinese_dates_and_chinese_file_names(cast, client_for):
    election = setup.general(cast, held_on=dt.date(2026, 4, 8))
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, {cast.workers[r].pk: (9, 0, 0) for r in ("member", "committee", "finance")})
    election = services.election_close(actor=None, election=election)
    services.election_release(actor=None, election=election, on=dt.date(2026, 4, 9))
    client = client_for(cast.users["chair"])
    for doc in ("ballot", "tally", "report", "minutes"):
        response = download(client, election, doc)
        section = Document(io.BytesIO(response.content)).sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), doc
        disposition = response["Content-Disposition"]
        assert f'filename="election-{election.pk}-{doc}.docx"' in disposition
        name = unquote(disposition.split("filename*=UTF-8''")[1])
        assert name.startswith(f"测试机关工会{election.title}") and name.endswith(".docx"), name
    report = text(download(client, election, "report").content)
    assert "于2026年4月8日召开" in report and "2026年4月9日" in report and "04月" not in report
    assert "时间：2026年4月8日" in text(download(client, election, "minutes").content)

"""The annual report: figures from the registry, versions, the change marks, the document itself."""
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from docx import Document

from unionhome.care.services.visits import visit_record
from unionhome.core import figures as registry
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.reports import services
from unionhome.reports.models import Kind, Version

pytestmark = pytest.mark.django_db
YEAR = 2026


def _visit(cast, day=dt.date(2026, 4, 10)):
    return visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"], kind="hospital",
                        visited_on=day, amount=Decimal("300"), gift="水果",
                        officers=[cast.workers["committee"], cast.workers["chair"]])


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def _xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


def test_the_report_prints_the_registered_figures_and_the_narrative(cast):
    _visit(cast)
    chair = cast.users["chair"]
    services.narrative_save(actor=chair, union=cast.union, year=YEAR, texts={"care": "全年慰问{{ care.visits }}，暖心。"})
    version = services.report_generate(actor=chair, union=cast.union, year=YEAR, as_of=dt.date(2026, 12, 31))
    expected = registry.compute(registry.get("care.visits"), cast.union, registry.When.for_year(YEAR)).value
    assert version.figures["care.visits"]["value"] == str(expected) == "1"
    content = services.report_docx(actor=chair, union=cast.union, year=YEAR)
    text = _text(content)
    assert "全年慰问1人次，暖心。" in text
    assert "年度工作总结" in text and cast.union.name in text
    assert "数据来源说明" in text and "慰问人次" in text
    assert "数据截至2026年12月31日" in text
    assert "{{" not in text and "{%" not in text
    assert AuditEntry.objects.filter(action="reports.report.downloaded").count() == 1


def test_a_changed_record_changes_the_figure_and_the_document_marks_it(cast):
    chair = cast.users["chair"]
    _visit(cast)
    first = services.report_generate(actor=chair, union=cast.union, year=YEAR, as_of=dt.date(2026, 12, 31))
    assert first.changed == {}
    _visit(cast, day=dt.date(2026, 5, 10))  # a second visit recorded after the first generation
    second = services.report_generate(actor=chair, union=cast.union, year=YEAR, as_of=dt.date(2026, 12, 31))
    assert second.figures["care.visits"]["shown"] == "2人次"
    assert second.changed["care.visits"] == "1人次"  # and the expenditure its cost went to
    assert second.changed["funds.expense"] == "300.00元" and "members.staff" not in second.changed
    content = services.report_docx(actor=chair, union=cast.union, year=YEAR)
    text = _text(content)
    assert "2人次" in text and "（上次：1人次）" in text and "修改稿说明" in text
    assert 'w:fill="FFFF00"' in _xml(content)
    clean = services.annual_report_docx(union=cast.union, year=YEAR, actor=chair)
    assert "上次" not in _text(clean) and "FFFF00" not in _xml(clean)
    # The first version still prints what it counted then.
    old = services.report_docx(actor=chair, union=cast.union, year=YEAR, version=first)
    assert "（上次" not in _text(old)


def test_a_placeholder_naming_no_registered_figure_is_refused_and_nothing_saved(cast):
    with pytest.raises(RuleViolation) as exc:
        services.narrative_save(actor=cast.users["chair"], union=cast.union, year=YEAR,
                                texts={"care": "慰问{{ care.made_up }}"})
    assert exc.value.code == "report_unknown_figure"
    assert not Version.objects.exists()


def test_versions_keep_who_and_what(cast):
    chair = cast.users["chair"]
    v1 = services.narrative_save(actor=chair, union=cast.union, year=YEAR, texts={"care": "第一稿"})
    v2 = services.narrative_save(actor=chair, union=cast.union, year=YEAR, texts={"care": "第二稿"})
    assert (v1.number, v2.number) == (1, 2) and v1.created_by == chair
    assert Version.objects.get(pk=v1.pk).texts["care"] == "第一稿"
    assert Version.objects.get(pk=v2.pk).texts["care"] == "第二稿"


def test_the_deeds_material_is_shorter_and_narrative(cast):
    chair = cast.users["chair"]
    services.report_generate(actor=chair, union=cast.union, year=YEAR, kind=Kind.DEEDS)
    text = _text(services.report_docx(actor=chair, union=cast.union, year=YEAR, kind=Kind.DEEDS))
    assert "集体典型事迹材料" in text and "数据来源说明" not in text


def test_the_editor_page_draws_as_svg_the_charts_the_document_embeds(cast, client_for):
    import re

    from unionhome.reports import queries

    chair = cast.users["chair"]
    _visit(cast)
    page = client_for(chair).get(f"/reports/{YEAR}/annual/").content.decode()
    assert "<svg" not in page  # nothing generated yet: no charts
    version = services.report_generate(actor=chair, union=cast.union, year=YEAR, as_of=dt.date(2026, 12, 31))
    page = client_for(chair).get(f"/reports/{YEAR}/annual/").content.decode()
    drawn = re.findall(r'<svg[^>]*data-chart="([^"]+)"', page)
    assert "care_visits" in drawn and sorted(drawn) == sorted(
        c.key for s in {c["section"] for c in version.charts} for c in queries.charts_shown(version, s))
    section = page.split('id="section-care"', 1)[1].split("</section>", 1)[0]
    assert 'data-chart="care_visits"' in section and "<td class=\"text-end\">1</td>" in section  # its data table
    assert "1人次</text>" in section and "1.00人次" not in section
    images = [n for n in zipfile.ZipFile(io.BytesIO(services.report_docx(actor=chair, union=cast.union, year=YEAR)))
              .namelist() if n.startswith("word/media/")]
    assert len(images) == len(drawn)  # the same charts as the Word report

"""The union's own Word template: a good one is used, a bad one refused with a Chinese message and nothing kept."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.reports import services
from unionhome.reports.document import default_template
from unionhome.reports.models import Template

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(content: bytes, name="本会模板.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX)


def _edited() -> bytes:
    doc = Document(io.BytesIO(default_template()))
    doc.paragraphs[0].runs[0].text = "{{ union_name }}（本会版头）"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_edited_template_is_used_for_the_report(cast):
    chair = cast.users["chair"]
    services.template_upload(actor=chair, union=cast.union, upload=_upload(_edited()))
    content = services.annual_report_docx(union=cast.union, year=2026, actor=chair)
    assert Document(io.BytesIO(content)).paragraphs[0].text == f"{cast.union.name}（本会版头）"
    assert AuditEntry.objects.filter(action="reports.template.uploaded").count() == 1
    services.template_reset(actor=chair, union=cast.union)
    assert services.template_bytes(cast.union) == default_template()


@pytest.mark.parametrize("content,code", [
    (b"%PDF-1.4 not a template", "template_not_docx"),
    (b"PK\x03\x04 a broken zip", "template_invalid"),
])
def test_a_file_that_is_no_word_document_is_refused_and_nothing_kept(cast, content, code):
    with pytest.raises(RuleViolation) as exc:
        services.template_upload(actor=cast.users["chair"], union=cast.union, upload=_upload(content))
    assert exc.value.code == code and exc.value.message
    assert not Template.objects.exists()


def test_a_template_with_a_broken_tag_is_refused(cast):
    doc = Document(io.BytesIO(default_template()))
    doc.add_paragraph("{% for s in sections %} never closed")
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(RuleViolation) as exc:
        services.template_upload(actor=cast.users["chair"], union=cast.union, upload=_upload(out.getvalue()))
    assert exc.value.code == "template_tags_broken" and "模板中的标记有误" in exc.value.message
    assert not Template.objects.exists()


def test_the_default_template_is_rebuilt_by_its_script():
    from unionhome.reports.docx.build_template import build

    rebuilt = Document(io.BytesIO(build()))
    stored = Document(io.BytesIO(default_template()))
    assert [p.text for p in rebuilt.paragraphs] == [p.text for p in stored.paragraphs]
    section = stored.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    east = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"

    def font(name):
        style = stored.styles[name]
        return style.element.rPr.rFonts.get(east), style.font.size.pt

    assert font("Normal") == ("仿宋_GB2312", 16)  # 三号
    assert font("Heading 1") == ("黑体", 16)
    assert font("Title") == ("方正小标宋简体", 22)  # 二号
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and footer.count("-") >= 2  # - 1 -

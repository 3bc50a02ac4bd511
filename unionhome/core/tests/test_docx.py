"""Word documents as a Chinese office prints them (core.docx): A4, dates without leading zeros, quotation marks
never doubled, Chinese file names, and text that can always be written whatever was stored."""
import datetime as dt
import io
from urllib.parse import unquote

from docx import Document

from unionhome.core.docx import attachment, clean, cn_date, new_document, quoted, to_bytes

BAD = "\x00\x07\x1b\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ud800\ufffe"


def test_clean_removes_control_zero_width_and_direction_characters_but_keeps_tabs_and_line_breaks():
    assert clean(f"张{BAD}三\t李\n四") == "张三\t李\n四"
    assert clean(None) == "" and clean(12) == "12"


def test_any_cleaned_text_can_be_written_into_a_document():
    doc = new_document()
    doc.add_paragraph(clean("".join(chr(i) for i in range(0x40)) + BAD + "张三"))
    assert "张三" in Document(io.BytesIO(to_bytes(doc))).paragraphs[0].text


def test_new_documents_are_a4_not_us_letter():
    section = Document(io.BytesIO(to_bytes(new_document()))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # stored in twips


def test_chinese_dates_have_no_leading_zeros():
    assert cn_date(dt.date(2026, 4, 8)) == "2026年4月8日"
    assert cn_date(dt.date(2026, 12, 28)) == "2026年12月28日"
    assert cn_date(None, "____") == "____"


def test_quotation_marks_are_never_doubled():
    assert quoted("迎新春象棋赛") == "“迎新春象棋赛”"
    assert quoted("“迎新春象棋赛”") == "“迎新春象棋赛”"
    assert quoted("“迎新春”杯象棋赛") == "“‘迎新春’杯象棋赛”"
    assert quoted('"迎新春"杯象棋赛') == "“‘迎新春’杯象棋赛”"


def test_downloads_carry_the_chinese_file_name_and_an_ascii_fallback():
    header = attachment(b"x", "测试/工会:\u202e选票.docx", fallback="election-1-ballot.docx")["Content-Disposition"]
    plain, encoded = header.split("; filename*=UTF-8''")
    assert plain == 'attachment; filename="election-1-ballot.docx"'
    assert unquote(encoded) == "测试 工会 选票.docx"
    assert attachment(b"x", "\u200b.docx", fallback="a.docx")["Content-Disposition"].endswith("''a.docx")


def _stamped(rows_per_page):
    from unionhome.core.docx import PageStamp

    doc = new_document()

    def page(doc, marks):
        doc.add_paragraph(clean("%s同志：" % marks["name"]))
        table = doc.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "姓名", "激活码"
        table.rows[1].cells[0].text, table.rows[1].cells[1].text = marks["who"], marks["code"]
        doc.add_paragraph(" 页脚 ")

    stamp = PageStamp(doc, page, ("name",), ("who", "code"))
    for n, rows in enumerate(rows_per_page):
        stamp.add({"name": f"职工{n}\u202e"}, [{"who": f"甲{n}-{i}", "code": f" C{i} "} for i in range(rows)])
    return Document(io.BytesIO(to_bytes(doc)))


def test_stamped_pages_are_the_built_page_with_each_items_values_and_a_page_break_between():
    doc = _stamped([2, 0, 3])
    assert [p.text for p in doc.paragraphs] == ["职工0同志：", " 页脚 ", "职工1同志：", " 页脚 ", "职工2同志：", " 页脚 "]
    assert [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables] == [
        [["姓名", "激活码"], ["甲0-0", " C0 "], ["甲0-1", " C1 "]], [["姓名", "激活码"]],
        [["姓名", "激活码"], ["甲2-0", " C0 "], ["甲2-1", " C1 "], ["甲2-2", " C2 "]]]
    breaks = doc.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 2  # in the last paragraph of the pages before, never a blank page first


def test_a_stamped_value_with_a_line_break_prints_as_a_word_line_break():
    from unionhome.core.docx import PageStamp

    doc = new_document()
    stamp = PageStamp(doc, lambda doc, marks: doc.add_paragraph(marks["v"]), ("v",))
    stamp.add({"v": "第一行\n第二行"})
    p = Document(io.BytesIO(to_bytes(doc))).paragraphs[0]
    assert p.text == "第一行\n第二行" and p._p.xpath(".//w:br")

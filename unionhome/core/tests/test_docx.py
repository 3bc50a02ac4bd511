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

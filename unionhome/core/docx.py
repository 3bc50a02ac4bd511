"""Word documents the way a Chinese office prints them: A4, 宋体, dates as 2026年4月28日, Chinese file names.

Every string a document takes from stored data goes through ``clean``: a name saved with a control character
makes python-docx refuse the XML (the download would answer 500), and zero-width or direction-override
characters would print a name other than the one a reader sees.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "宋体"

# 国家标准 GB/T 9704 (党政机关公文格式): A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
A4 = {"page_width": Mm(210), "page_height": Mm(297), "top_margin": Mm(37), "bottom_margin": Mm(35),
      "left_margin": Mm(28), "right_margin": Mm(26)}

_OPEN, _CLOSE = "“\"'‘「『", "”\"'’」』"


def clean(value) -> str:
    """Text safe to print: control characters (but tab and line break), format characters (zero-width,
    direction overrides, soft hyphen, BOM), surrogates and XML non-characters removed."""
    text = "" if value is None else str(value)
    return "".join(ch for ch in text if ch in "\t\n" or (
        unicodedata.category(ch) not in ("Cc", "Cf", "Cs") and ch not in "\ufffe\uffff"))


def cn_date(day: dt.date | None, blank: str = "") -> str:
    """2026年4月28日 — no leading zeros, as Chinese documents write dates."""
    return gettext("%(year)s年%(month)s月%(day)s日") % {"year": day.year, "month": day.month, "day": day.day} if day else blank


_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1–31 as a certificate writes it: 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones or not tens else "")


def cn_date_upper(day: dt.date, *, with_day: bool = False) -> str:
    """二〇二六年十二月 (and 十五日): the date of a certificate or a seal, in Chinese numerals."""
    text = "".join(_DIGITS[int(d)] for d in str(day.year)) + "年" + _cn_number(day.month) + "月"
    return text + (_cn_number(day.day) + "日" if with_day else "")


def quoted(value) -> str:
    """The text in Chinese quotation marks, never doubled: marks already around the whole text are dropped, and
    quotation marks inside become the inner ‘ ’ (“‘迎新春’杯乒乓球赛”)."""
    text = clean(value).strip()
    if len(text) >= 2 and text[0] in _OPEN and text[-1] in _CLOSE:
        text = text[1:-1].strip()
    text = text.replace("“", "‘").replace("”", "’")
    parts = text.split('"')
    text = "".join(p + ("‘’"[i % 2] if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    return f"“{text}”"


def new_document(*, size: float = 12) -> Document:
    """An empty A4 document (python-docx's own template is US Letter) in 宋体 for Chinese and Latin text."""
    doc = Document()
    for section in doc.sections:
        for name, value in A4.items():
            setattr(section, name, value)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return doc


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def filename(value: str, *, fallback: str) -> str:
    """A file name from a title: what a file system or a browser refuses removed; ``fallback`` when nothing is left."""
    name = re.sub(r'[\\/:*?"<>|]+', " ", clean(value)).replace("\t", " ").replace("\n", " ")
    name = re.sub(r"\s+", " ", name).strip(" .")[:100]
    return name or fallback


def attachment(content: bytes, name: str, *, fallback: str, content_type: str = DOCX_TYPE) -> HttpResponse:
    """A download under its Chinese name (RFC 6266 / RFC 5987 ``filename*``), with an ASCII ``filename`` for
    the clients that read only that. ``name`` and ``fallback`` include the extension."""
    stem, _, ext = name.rpartition(".")
    safe = f"{filename(stem, fallback=fallback.rpartition('.')[0])}.{ext}"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", fallback)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"
    return response


def letterhead(doc: Document, union_name: str) -> None:
    """The union's letterhead as offices print it (GB/T 9704 版头): the issuing body's name centred in red
    large type, then a red rule across the page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import RGBColor

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(clean(union_name))
    run.bold = True
    run.font.size = Pt(26)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    head._p.get_or_add_pPr().append(borders)


_MARK_START, _MARK_END = "\ue000", "\ue001"  # private-use characters: never in a cleaned value a builder adds itself
_PAGE_BREAK = ('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:r><w:br w:type="page"/></w:r></w:p>')


class PageStamp:
    """Hundreds of pages that share one layout, built in about a second.

    ``build(doc, marks)`` adds ONE page through python-docx as usual, writing ``marks[key]`` wherever a page's
    value goes (``marks`` maps every key of ``page_keys`` and ``row_keys`` to a placeholder string). That page is
    built once, taken out of the document, and ``add(values, rows)`` appends a copy of its XML with the
    placeholders replaced by the cleaned values — the same document as building every page through python-docx,
    without its per-page costs (style look-ups by name, cell access by grid, element-by-element construction),
    which made a 300-page file take seconds. A table row holding ``row_keys`` placeholders is repeated once per
    item of ``rows``. A value's line breaks and tabs become Word breaks and tabs, as python-docx writes them.
    A page added after anything else in the body starts with a page break (in the last paragraph, or in a
    paragraph of its own after a table)."""

    def __init__(self, doc, build, page_keys=(), row_keys=()):
        self.doc, self.body = doc, doc.element.body
        keys = [*page_keys, *row_keys]
        self.marks = {key: f"{_MARK_START}{i}{_MARK_END}" for i, key in enumerate(keys)}
        self.row_marks = {self.marks[key] for key in row_keys}
        sect = self.body.find(qn("w:sectPr"))
        before = len(self.body) - (1 if sect is not None else 0)
        build(doc, self.marks)
        self.elements = list(self.body)[before:len(self.body) - (1 if sect is not None else 0)]
        for element in self.elements:
            self.body.remove(element)

    def _fill(self, element, values: dict[str, str]) -> None:
        for t in list(element.iter(qn("w:t"))):
            if not t.text or _MARK_START not in t.text:
                continue
            text = t.text
            for mark, value in values.items():
                text = text.replace(mark, value)
            if "\n" in text or "\t" in text or "\r" in text:  # python-docx's setter: "\n" → <w:br/>, "\t" → <w:tab/>
                run = t.getparent()
                run.text = run.text.replace(t.text, text, 1)
                continue
            t.text = text
            if text != text.strip():
                t.set(qn("xml:space"), "preserve")

    def add(self, values: dict | None = None, rows=()) -> None:
        from copy import deepcopy

        from lxml import etree

        page = {self.marks[k]: clean(v) for k, v in (values or {}).items()}
        sect = self.body.find(qn("w:sectPr"))
        place = sect.addprevious if sect is not None else self.body.append
        if len(self.body) > (1 if sect is not None else 0):
            last = self.body[len(self.body) - (2 if sect is not None else 1)]
            if last.tag == qn("w:p"):
                last.append(etree.fromstring(_PAGE_BREAK)[0])
            else:
                place(etree.fromstring(_PAGE_BREAK))
        for template in self.elements:
            element = deepcopy(template)
            for tr in list(element.iter(qn("w:tr"))):
                if not any(t.text and any(m in t.text for m in self.row_marks) for t in tr.iter(qn("w:t"))):
                    continue
                for row in rows:
                    copy = deepcopy(tr)
                    self._fill(copy, {**page, **{self.marks[k]: clean(v) for k, v in row.items()}})
                    tr.addprevious(copy)
                tr.getparent().remove(tr)
            self._fill(element, page)
            place(element)

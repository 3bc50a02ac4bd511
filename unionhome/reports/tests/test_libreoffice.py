"""The report opens in LibreOffice (headless conversion to PDF): A4 pages, Chinese text set in a CJK font."""
import datetime as dt
import re
import shutil
import subprocess
import zlib

import pytest

from unionhome.reports import services

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return out


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed: "
                    "scripts/bootstrap.sh installs libreoffice-writer-nogui for development")
def test_the_report_converts_to_an_a4_pdf_with_chinese_fonts(cast, tmp_path):
    services.narrative_save(actor=cast.users["chair"], union=cast.union, year=2026,
                            texts={"care": "全年慰问{{ care.visits }}，关爱职工。"})
    services.report_generate(actor=cast.users["chair"], union=cast.union, year=2026, as_of=dt.date(2026, 12, 31))
    source = tmp_path / "report.docx"
    source.write_bytes(services.annual_report_docx(union=cast.union, year=2026, actor=cast.users["chair"]))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = (tmp_path / "report.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    for w, h in boxes:  # A4 = 210 × 297 mm = 595.3 × 841.9 pt
        assert abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 2  # the report and its appendix
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+#_-]+)", pdf))
    assert any(re.search(rb"CJK|Hei|Song|Fang|Kai|WenQuanYi|Droid", f) for f in fonts), fonts
    # The CJK font carries a ToUnicode map with Chinese characters: the text is set, not boxes.
    cmaps = b"".join(s for s in _streams(pdf) if b"beginbfchar" in s or b"beginbfrange" in s)
    assert re.search(rb"<(4[eE]|[5-8][0-9a-fA-F]|9[0-9a-fA-F])[0-9a-fA-F]{2}>", cmaps)  # U+4E00–U+9FFF

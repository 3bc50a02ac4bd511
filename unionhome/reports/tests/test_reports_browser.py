"""In Chromium on a phone: the chair opens the year's report, writes the care section around a figure
placeholder, saves (a version), generates the figures, records one more care visit, generates again and sees the
changed figure marked, then downloads the Word document."""
import datetime as dt
import io
from decimal import Decimal

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_writes_generates_and_downloads_the_annual_report(cast, login_as):
    from django.utils import timezone
    from docx import Document

    from unionhome.care.services.visits import visit_record
    from unionhome.reports.models import Version

    year = timezone.localdate().year

    def visit(day):
        visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"], kind="hospital",
                     visited_on=day, amount=Decimal("200"), gift="水果",
                     officers=[cast.workers["committee"], cast.workers["chair"]])

    visit(dt.date(year, 3, 2))
    page = login_as("t_chair")
    page.goto("/reports/")
    page.locator("#years a").first.click()
    page.fill("#id_text_care", "全年开展慰问{{ care.visits }}，职工满意。")
    page.click("#save")
    assert Version.objects.filter(source="saved").count() == 1
    assert "#1" in page.locator("#versions").inner_text() or "第1版" in page.locator("#versions").inner_text()

    page.click("#generate")
    assert "1人次" in page.locator("#section-care .preview").inner_text()

    visit(dt.date(year, 3, 9))
    page.click("#generate")
    assert page.locator("#changed").is_visible()
    assert page.locator("#section-care mark").inner_text() == "2人次"
    assert "1人次" in page.locator("#section-care [data-figure='care.visits']").inner_text()  # (上次：1人次)

    with page.expect_download() as info:
        page.click("#download")
    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "全年开展慰问2人次，职工满意。" in text
    assert not page.foreign


def test_the_chair_sees_the_reports_charts_on_a_phone_beside_their_data(cast, login_as):
    from django.utils import timezone

    from unionhome.care.services.visits import visit_record

    year = timezone.localdate().year
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"], kind="hospital",
                 visited_on=dt.date(year, 3, 2), amount=Decimal("200"), gift="水果",
                 officers=[cast.workers["committee"], cast.workers["chair"]])
    page = login_as("t_chair")
    page.goto(f"/reports/{year}/annual/")
    assert page.locator("svg.chart").count() == 0  # no figures generated yet
    page.click("#generate")
    chart = page.locator("#section-care svg.chart[data-chart='care_visits']")
    chart.wait_for()
    assert chart.is_visible() and "慰问" in chart.locator("title").text_content()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone's width
    table = page.locator("#section-care table.chart-table[data-chart='care_visits']")
    assert "生病住院慰问" in table.inner_text() and "1" in table.locator("td").all_inner_texts()
    assert page.locator("#section-care svg.chart[data-chart='care_visits_monthly']").is_visible()  # by month
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert not page.foreign

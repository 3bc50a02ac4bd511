"""In Chromium at a phone's width: a member answers the 会员评家; the chair scores a line, attaches evidence and
reads the sheet with its veto items."""
import pytest

from unionhome.assessment.models import Answer, Respondent
from unionhome.assessment.tests.helpers import sheet, survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_member_answers_the_survey_on_a_phone_once(cast, login_as):
    s = survey(cast, open_=True)
    page = login_as("t_member")
    page.goto("/assessment/satisfaction/")
    page.click("text=去评价")
    for i, choice in enumerate(("S", "B", "S")):
        page.check(f"input[name=q{i}][value={choice}]")
    page.fill("#id_c2", "希望多组织户外活动")
    page.click("#main-form button[type=submit]")
    assert "谢谢您参加会员评家" in page.content()
    assert "已参加" in page.locator("#open-surveys").inner_text()
    page.wait_for_load_state("networkidle")
    assert Respondent.objects.filter(survey=s, worker=cast.workers["member"]).count() == 1
    assert sorted(Answer.objects.filter(survey=s, filled=True).values_list("choice", flat=True)) == ["B", "S", "S"]
    page.goto(f"/assessment/satisfaction/{s.pk}/")
    assert "您已参加本次会员评家" in page.locator("#done").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.foreign == []


def test_the_chair_scores_attaches_evidence_and_sees_the_sheet(cast, login_as):
    a = sheet(cast)
    page = login_as("t_chair")
    page.goto("/assessment/")
    page.click("#assessments a")
    line = page.locator("#line-ORG-2")
    line.locator("input[name=points]").fill("7.5")
    line.locator("input[name=note]").fill("2024年按期换届")
    line.locator(".score-form button").click()
    assert "已打分" in page.content()
    line = page.locator("#line-ORG-2")
    if not line.locator(".evidence-form").is_visible():
        line.locator("summary").click()
    line.locator("input[type=file]").set_input_files(
        files=[{"name": "换届批复.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    line.locator(".evidence-form button").click()
    assert "已上传佐证" in page.content()
    assert "换届批复.pdf" in page.locator("#line-ORG-2 .evidence").inner_text()
    assert "7.5 / 8" in page.locator("#line-ORG-2 .points").inner_text()
    # no satisfaction survey yet: the veto item shows
    assert "会员满意率" in page.locator("#vetoes").inner_text()
    assert "100.0%" in page.locator("#line-ORG-1 .figure-value").inner_text()
    with page.expect_download() as download:
        page.click("text=下载 Word")
    assert download.value.suggested_filename.endswith(".docx")
    page.wait_for_load_state("networkidle")
    line_row = a.lines.get(criterion__code="ORG-2")
    assert str(line_row.points) == "7.5" and line_row.evidence.count() == 1
    assert page.foreign == []

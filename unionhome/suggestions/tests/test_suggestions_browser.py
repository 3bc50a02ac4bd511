import pytest

from unionhome.core.testing.images import PNG
from unionhome.suggestions import services
from unionhome.suggestions.models import Suggestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_submits_a_suggestion_on_a_phone_and_reads_and_rates_the_answer(cast, login_as):
    page = login_as("t_member")
    page.goto("/suggestions/")
    page.click("text=提建议")
    page.fill("#id_title", "食堂增加晚餐")
    page.select_option("#id_category", "welfare")
    page.fill("#id_text", "加班的同事晚上没有地方吃饭，建议周一至周四供应晚餐。")
    page.set_input_files("#id_photos", files=[{"name": "queue.png", "mimeType": "image/png", "buffer": PNG}])
    page.check("#id_anonymous")
    page.click("#main-form button[type=submit]")
    assert "建议已提交" in page.content()
    page.wait_for_load_state("networkidle")
    s = Suggestion.objects.get(title="食堂增加晚餐")
    assert s.anonymous and s.photos.count() == 1
    # the committee answers (its own pages are tested elsewhere)
    services.suggestion_answer(actor=cast.users["chair"], suggestion=s, outcome="adopted",
                               answer="已与机关事务中心商定，下月起供应晚餐。")
    page.goto("/suggestions/mine/")
    assert "待您评价" in page.content()
    page.click("text=食堂增加晚餐")
    assert "下月起供应晚餐" in page.locator("#answer").inner_text()
    page.wait_for_selector("img[alt=照片]", state="visible")
    page.check("#rate-form input[value='5']")
    page.click("#rate-form button[type=submit]")
    assert "谢谢您的评价" in page.content()
    assert "5/5" in page.locator("#answer").inner_text()
    page.wait_for_load_state("networkidle")
    assert Suggestion.objects.get(pk=s.pk).rating == 5
    assert page.foreign == []

"""In Chromium on a phone: the year-end evaluation from a group leader's nomination through the committee's
decision, 公示 with a member's objection and its answer, to the rewards in the ledger and the certificates."""
import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, login_as, username):
    page.context.clear_cookies()
    return login_as(username)


def test_the_evaluation_runs_from_nomination_through_publicity_to_certificates(cast, login_as):
    from docx import Document

    from unionhome.awards.models import Award, Round
    from unionhome.awards.services import kind_create, round_create
    from unionhome.funds.models import LedgerEntry

    kind = kind_create(actor=None, union=cast.union, name="先进工作者", reward_item="保温杯", reward_value="300")
    round = round_create(actor=None, union=cast.union, year=timezone.localdate().year, kinds=[kind])
    url = f"/awards/{round.pk}/"

    # the group leader enters the group's discussion result on a phone
    page = login_as("t_group_leader")
    page.goto(url)
    page.pick_person("worker", "张三", within="#nominate-form")
    page.fill("#id_discussion", "小组会议讨论，一致推荐")
    page.fill("#id_votes_for", "3")
    page.fill("#id_voters", "4")
    page.click("#nominate-form button[type=submit]")
    assert "已录入小组推荐" in page.content()
    expect(page.locator("#nominations tbody tr", has_text="张三")).to_have_count(1)

    # the committee decides at its meeting and publishes the list
    page = _as(page, login_as, "t_committee")
    page.goto(url)
    page.locator("#decide-form label", has_text="张三").click()
    page.fill("#id_meeting_ref", "第5次工会委员会会议")
    page.click("#decide-form button[type=submit]")
    assert "已记录委员会评定结果" in page.content()
    page.click("#publish-form button[type=submit]")
    assert "已公示" in page.content()

    # a member reads the 公示 list and objects with a reason
    page = _as(page, login_as, "t_women_committee")
    page.goto(url)
    assert page.locator("#honours", has_text="张三").is_visible()
    page.locator("#honours summary").first.click()
    page.fill("#honours textarea[name=reason]", "希望说明评选依据")
    page.click("#honours button[type=submit]")
    assert "异议已提交" in page.content()

    # the committee answers; finalising is refused while 公示 runs
    page = _as(page, login_as, "t_committee")
    page.goto(url)
    page.fill("#objections textarea[name=answer]", "评选依据已在小组会上说明")
    page.click("#objections button[type=submit]")
    assert "已答复异议" in page.content()
    page.click("button:text-is('确定评选结果')")
    assert "期满后才能确定" in page.content()
    assert Round.objects.get(pk=round.pk).status == Round.Status.PUBLISHED

    # …and goes through once the period has ended
    today = timezone.localdate()
    Round.objects.filter(pk=round.pk).update(publicity_starts_on=today - dt.timedelta(days=10),
                                             publicity_ends_on=today - dt.timedelta(days=3))
    page.goto(url)
    page.click("button:text-is('确定评选结果')")
    assert "评选结果已确定" in page.content()
    page.click("#reward-form button[type=submit]")
    assert "奖励已记入经费账" in page.content()
    award = Award.objects.get(round=round)
    entry = LedgerEntry.objects.get(pk=award.reward_entry_id)
    assert (entry.category, entry.subcategory, entry.amount) == ("business", "special", 300)
    with page.expect_download() as download:
        page.click("text=下载荣誉证书")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "张三同志" in text and "先进工作者" in text
    assert page.foreign == []

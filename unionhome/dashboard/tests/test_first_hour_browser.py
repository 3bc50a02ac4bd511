"""Issue 9's done-when, as a union would live its first hour, all through the pages (the phone width throughout):
an empty install is set up on the first-run page, the organisation and the roster are imported, logins are issued
for a group with printed slips, a member activates with the printed code, finds an invitation in the inbox and
signs up."""
import datetime as dt
import io
from urllib.parse import urlparse

import pytest
from docx import Document

from unionhome.committees.tests.test_org_import import xlsx as org_xlsx
from unionhome.core.creditcode import credit_code_make
from unionhome.members.tests.io_files import person, write_roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHAIR_PASSWORD = "Chair-pass-2026"
MEMBER_PASSWORD = "Member-pass-2026"


def test_a_new_union_s_first_hour_from_an_empty_install_to_a_member_signed_up(browser_page, login_as, tmp_path):
    page = browser_page
    # 1. The first-run page (no union yet)
    page.goto("/")
    assert page.url.endswith("/setup/")
    page.fill("#id_name", "阿克苏地区某局机关工会")
    page.fill("#id_credit_code", credit_code_make("81652900MA0000001"))
    page.select_option("#id_province", "新疆")
    page.fill("#id_founded_on", "2018-05-04")
    page.fill("#id_chair_name", "古丽主席")
    page.fill("#id_chair_username", "guli")
    page.fill("#id_password", CHAIR_PASSWORD)
    page.fill("#id_password2", CHAIR_PASSWORD)
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url

    # 2. The organisation template: a unit and its union group
    login_as("guli", CHAIR_PASSWORD)
    page.goto("/org/")
    page.click("#org-import")
    page.wait_for_load_state("networkidle")
    org = org_xlsx(tmp_path, [{"kind": "单位", "name": "办公室", "unit_code": "BGS"},
                              {"kind": "小组", "name": "第1小组", "unit": "办公室"}])
    page.set_input_files("#id_file", str(org))
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "第1小组" in page.content()

    # 3. The roster: three members of group 1
    roster = write_roster(tmp_path / "花名册.xlsx", [person(i, gender="F", born=dt.date(1990, 5, i)) for i in (1, 2, 3)])
    page.goto("/members/import/")
    page.set_input_files("input[type=file]", str(roster))
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("#confirm-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "已导入 3 人" in page.content()

    # 4. Logins for the group, with the printed slips
    page.goto("/accounts/issue/")
    row = page.locator("#issue-groups tr[data-group='第1小组']")
    with page.expect_download() as download:
        row.locator("button:has-text('发放并下载通知单')").click()
    content = open(download.value.path(), "rb").read()
    rows = [[c.text for c in r.cells] for t in Document(io.BytesIO(content)).tables for r in t.rows]
    _name, card, _username, code, _expiry = next(r for r in rows if r[0] == "测试女1")
    page.wait_for_load_state("networkidle")

    # 5. The chair invites the member to an activity (the member is told in the inbox)
    from django.utils import timezone

    from unionhome.activities.services import activity_create, invitation_create
    from unionhome.members.models import Worker

    chair = Worker.objects.none()  # the chair acts through the platform below; the member is the one we follow
    member = Worker.objects.get(name="测试女1")
    now = timezone.now()
    page.goto("about:blank")  # the live server shares SQLite's connection: nothing runs while the test writes
    from django.contrib.auth import get_user_model

    chair_user = get_user_model().objects.get(username="guli")
    activity = activity_create(actor=chair_user, union=member.union, kind="culture", title="三八节健步走",
                               starts_at=now + dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3, hours=2),
                               signup_opens_at=now - dt.timedelta(hours=1), signup_closes_at=now + dt.timedelta(days=2),
                               place="人民公园", capacity=30)
    invitation_create(actor=chair_user, activity=activity, worker=member)
    del chair

    # 6. The member activates on a phone with the printed code
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.click("text=第一次使用？用激活码激活账号")
    page.fill("#id_login", card)
    page.fill("#id_code", code)
    page.fill("#id_password", MEMBER_PASSWORD)
    page.fill("#id_password2", MEMBER_PASSWORD)
    page.click("#activate-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/"

    # 7. The invitation is in the inbox; the member opens it and signs up
    page.goto("/notifications/")
    message = page.locator("text=活动邀请：三八节健步走")
    assert message.is_visible()
    page.click("a:has-text('查看详情')")
    page.wait_for_load_state("networkidle")
    page.click("button:has-text('接受邀请')")
    page.wait_for_load_state("networkidle")
    assert "已报名" in page.locator("#my-status").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert page.foreign == []

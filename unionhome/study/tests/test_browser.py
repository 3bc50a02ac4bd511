import datetime as dt

import pytest
from django.utils import timezone

from unionhome.study.models import Attendance, Reflection
from unionhome.study.services import session_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_group_leader_records_a_session_and_attendance_on_a_phone(cast, login_as):
    day = timezone.localdate() - dt.timedelta(days=1)
    session = session_create(actor=None, group=cast.groups[0], held_on=day, topic="学习《工会法》第三章")
    page = login_as("t_group_leader")
    page.goto("/study/")
    page.click("#led-sessions a:has-text('学习《工会法》第三章')")  # tap 1
    # everyone is present by default: the leader taps only who is on leave or absent
    page.click("li[data-worker='张三'] label:has-text('请假')")  # tap 2
    page.fill("li[data-worker='张三'] input[name^=reason]", "下乡调研")
    page.click("li[data-worker='冯二'] label:has-text('缺席')")  # tap 3
    page.fill("#id_discussion", "大家结合窗口服务谈了体会")
    page.click("#record-btn")  # tap 4
    assert "学习记录已保存" in page.content()
    assert page.locator("#session-status").inner_text() == "已记录"
    page.wait_for_load_state("networkidle")
    marks = dict(Attendance.objects.filter(session=session).values_list("worker__name", "mark"))
    assert marks == {"张三": "leave", "李四": "present", "吴十": "present", "冯二": "absent"}
    assert Attendance.objects.get(session=session, worker__name="张三").reason == "下乡调研"
    # a leave without its reason is refused and nothing changes
    page.click("li[data-worker='吴十'] label:has-text('请假')")
    page.click("#record-btn")
    assert "吴十 请假，请填写原因" in page.content()
    page.wait_for_load_state("networkidle")
    assert Attendance.objects.get(session=session, worker__name="吴十").mark == "present"
    assert page.foreign == []


def test_a_member_writes_a_reflection_on_a_phone_and_the_leader_accepts_it(cast, login_as):
    day = timezone.localdate() - dt.timedelta(days=2)
    session_create(actor=None, group=cast.groups[0], held_on=day, topic="学习《中国工会章程》")
    page = login_as("t_member")
    page.goto("/study/")
    page.click("#my-sessions a:has-text('学习《中国工会章程》')")
    page.fill("#id_text", "学习章程后，我更清楚了会员的权利和义务。")
    page.click("#reflection-form button[type=submit]")
    assert "心得体会已提交" in page.content()
    assert "待审阅" in page.locator("#my-reflection-status").inner_text()
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    leader = login_as("t_group_leader")
    leader.goto("/study/")
    leader.click("#to-review a")
    leader.click("li[data-reflection='张三'] button:has-text('通过')")
    assert "已审阅" in leader.content()
    leader.wait_for_load_state("networkidle")
    assert Reflection.objects.get(worker=cast.workers["member"]).status == "accepted"
    assert leader.foreign == []

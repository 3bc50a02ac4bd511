import datetime as dt

import pytest

from unionhome.core.testing.images import PNG
from unionhome.disclosures import services
from unionhome.disclosures.models import Rectification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inspector_records_a_finding_and_its_rectification_and_closes_it_on_reinspection(cast, login_as):
    today = dt.date.today()
    item = services.item_create(actor=cast.users["chair"], union=cast.union, title="会费收缴标准", kind="funds",
                                publisher="机关工会委员会", place="board", content="会费按工资收入的0.5%缴纳。")
    first = services.inspection_plan(actor=cast.users["chair"], union=cast.union, kind="surprise", planned_on=today,
                                     inspectors=[cast.users["auditor"]])
    page = login_as("t_auditor")
    page.goto(f"/disclosures/inspections/{first.pk}/")
    page.fill("#finding-form #id_text", "公开栏仍是去年的标准")
    page.select_option("#finding-form #id_item", label="会费收缴标准")
    page.set_input_files("#finding-form #id_photos", files=[{"name": "board.png", "mimeType": "image/png",
                                                             "buffer": PNG}])
    page.fill("#finding-form #id_demand", "一周内换上今年的标准")
    page.select_option("#finding-form #id_owner", label="王五")
    page.fill("#finding-form #id_deadline", (today + dt.timedelta(days=7)).isoformat())
    page.click("#finding-form button[type=submit]")
    assert "已记录问题和整改要求" in page.content()
    assert "一周内换上今年的标准" in page.locator("#findings").inner_text()
    page.wait_for_selector("#findings img[alt=照片]", state="visible")
    assert "有问题" in page.locator("#checklist").inner_text()
    page.fill("#finish-form #id_summary", "一项需整改")
    page.click("#finish-form button[type=submit]")
    assert "检查已完成" in page.content()
    page.wait_for_load_state("networkidle")
    again = services.inspection_plan(actor=cast.users["chair"], union=cast.union, kind="reinspection",
                                     planned_on=today, inspectors=[cast.users["auditor"]], reinspection_of=first)
    page.goto(f"/disclosures/inspections/{again.pk}/")
    page.fill("#to-close input[name=note]", "已更换")
    page.click("#to-close button[type=submit]")
    assert "整改已复查确认" in page.content()
    page.wait_for_load_state("networkidle")
    r = Rectification.objects.get(finding__item=item)
    assert (r.status, r.closed_by_id) == ("closed", again.pk)
    assert page.foreign == []

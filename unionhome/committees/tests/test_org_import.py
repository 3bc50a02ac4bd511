"""The organisation template: one service behind the page, the command and the API; all or nothing."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from unionhome.committees.models import GroupLeader, Position, Term
from unionhome.committees.org_import import COLUMNS, org_import, org_template
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.xlsx import XlsxWriter, read_rows
from unionhome.org.models import UnionGroup, Unit

pytestmark = pytest.mark.django_db
KEYS = [key for key, _title in COLUMNS]


def xlsx(tmp_path, rows, name="org.xlsx"):
    path = tmp_path / name
    writer = XlsxWriter(path)
    writer.header([title for _key, title in COLUMNS])
    for row in rows:
        writer.write([row.get(key, "") for key in KEYS])
    writer.close()
    return path


def good_rows(cast):
    card = cast.workers["group1_worker"].membership.card_number
    chair_card = cast.workers["chair"].membership.card_number
    return [
        {"kind": "单位", "name": "人事科", "unit_code": "RSK"},
        {"kind": "小组", "name": "第三小组", "unit": "人事科"},
        {"kind": "小组", "name": "第1小组", "leader": card},  # an existing group gets its leader
        {"kind": "届次", "committee": "工会委员会", "number": 3, "starts_on": dt.date(2025, 3, 1), "years": 5,
         "seats": 3, "approved_on": dt.date(2025, 3, 10), "approval_document": "县总工发〔2025〕3号",
         "approved_by": "测试县总工会"},
        {"kind": "职务", "committee": "工会委员会", "number": 3, "title": "主席", "card": chair_card},
    ]


def test_the_template_names_every_column_and_its_examples_import_nothing(cast, tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(org_template())
    header = next(read_rows(path))
    assert header == [title for _key, title in COLUMNS]
    report = org_import(actor=None, union=cast.union, path=path)
    assert report.total == 0 and not any(report.created.values())


def test_a_filled_template_creates_units_groups_leaders_terms_and_positions(cast, tmp_path):
    report = org_import(actor=cast.users["chair"], union=cast.union, path=xlsx(tmp_path, good_rows(cast)))
    assert report.created == {"units": 1, "groups": 1, "leaders": 1, "terms": 1, "positions": 1}
    group = UnionGroup.objects.get(union=cast.union, name="第三小组")
    assert group.unit.name == "人事科" and Unit.objects.get(union=cast.union, name="人事科").code == "RSK"
    assert GroupLeader.objects.get(group=cast.groups[0]).worker == cast.workers["group1_worker"]
    term = Term.objects.get(union=cast.union, number=3)
    assert term.status == Term.Status.ACTIVE and term.approval_document == "县总工发〔2025〕3号"
    position = Position.objects.get(term=term)
    assert (position.worker, position.title, position.started_on) == (cast.workers["chair"], "chair",
                                                                      dt.date(2025, 3, 10))
    assert AuditEntry.objects.filter(action="committees.org.imported").count() == 1
    # The same file again changes nothing (so it can be imported once more after the roster).
    again = org_import(actor=cast.users["chair"], union=cast.union, path=xlsx(tmp_path, good_rows(cast), "b.xlsx"))
    assert not any(again.created.values()) and again.unchanged == 5


def test_one_faulty_row_stops_the_whole_file_and_every_faulty_row_is_reported(cast, tmp_path):
    rows = good_rows(cast) + [
        {"kind": "小组", "name": "第四小组", "unit": "不存在的科"},
        {"kind": "职务", "committee": "工会委员会", "number": 3, "title": "委员", "card": "NOPE"},
        {"kind": "部门", "name": "?"},
        {"kind": "届次", "committee": "工会委员会", "number": 4, "starts_on": "2025-13-01", "years": 5, "seats": 3},
    ]
    with pytest.raises(RuleViolation) as exc:
        org_import(actor=None, union=cast.union, path=xlsx(tmp_path, rows))
    errors = exc.value.details["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(7, "所在单位"), (8, "会员证号"), (9, "类别"), (10, "任期开始")]
    assert "花名册中没有会员证号为“NOPE”的会员" in errors[1]["message"]
    assert not Unit.objects.filter(name="人事科").exists() and not Term.objects.filter(number=3).exists()
    assert GroupLeader.objects.get(group=cast.groups[0]).worker == cast.workers["group_leader"]


def test_a_check_only_writes_nothing(cast, tmp_path):
    report = org_import(actor=None, union=cast.union, path=xlsx(tmp_path, good_rows(cast)), dry_run=True)
    assert report.total == 5 and not report.written
    assert not Unit.objects.filter(name="人事科").exists() and not Term.objects.filter(number=3).exists()


def test_the_command_imports_and_prints_row_errors(cast, tmp_path):
    out = io.StringIO()
    call_command("import_org", str(xlsx(tmp_path, good_rows(cast))), "--union", cast.union.code, stdout=out)
    assert "已导入 单位 1 个" in out.getvalue() and Unit.objects.filter(name="人事科").exists()
    err = io.StringIO()
    with pytest.raises(CommandError, match="整个文件没有导入"):
        call_command("import_org", str(xlsx(tmp_path, [{"kind": "小组", "name": "X", "unit": "无"}], "bad.xlsx")),
                     "--union", cast.union.code, stderr=err)
    assert "第2行 所在单位" in err.getvalue()
    template = tmp_path / "t.xlsx"
    call_command("import_org", str(template), "--template", stdout=io.StringIO())
    assert next(read_rows(template))[0] == "类别"


def test_the_page_imports_or_lists_the_faulty_rows(cast, client_for, tmp_path):
    client = client_for(cast.users["chair"])
    assert client.get(reverse("committees:org_template"))["Content-Type"].endswith("spreadsheetml.sheet")
    bad = xlsx(tmp_path, [{"kind": "小组", "name": "X", "unit": "无"}], "bad.xlsx")
    with open(bad, "rb") as fh:
        body = client.post(reverse("committees:org_import"), {"file": fh}).content.decode()
    assert 'id="org-errors"' in body and "没有名为“无”的单位" in body
    with open(xlsx(tmp_path, good_rows(cast)), "rb") as fh:
        response = client.post(reverse("committees:org_import"), {"file": fh})
    assert response.status_code == 302 and Term.objects.filter(union=cast.union, number=3).exists()


def test_the_api_checks_and_imports_the_same_file(cast, client_for, tmp_path):
    client = client_for(cast.users["chair"])
    url = reverse("api:committees_org_import")
    with open(xlsx(tmp_path, good_rows(cast)), "rb") as fh:
        body = client.post(url + "?dry_run=true", {"file": fh}).json()
    assert body["total"] == 5 and body["written"] is False and not Unit.objects.filter(name="人事科").exists()
    with open(xlsx(tmp_path, [{"kind": "单位", "name": ""}], "bad.xlsx"), "rb") as fh:
        response = client.post(url, {"file": fh})
    assert response.status_code == 422 and response.json()["details"]["errors"][0]["row"] == 2
    with open(xlsx(tmp_path, good_rows(cast), "c.xlsx"), "rb") as fh:
        body = client.post(url, {"file": fh}).json()
    assert body["written"] is True and body["created"]["positions"] == 1

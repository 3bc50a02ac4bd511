"""Export of a filtered member list: masked by default, formulas neutralised, every export audited."""
import datetime as dt
import hashlib
import io

import openpyxl
import pytest

from unionhome.core import idcard
from unionhome.core.models import AuditEntry
from unionhome.members.services import worker_create

pytestmark = pytest.mark.django_db


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    return data, sheet, rows


def by_name(rows):
    header = rows[0]
    return {r[0]: dict(zip(header, r)) for r in rows[1:]}


def test_the_export_is_masked_by_default_and_audited_with_count_and_hash(cast, client_for):
    data, _sheet, rows = download(client_for(cast.users["chair"]), "/members/export.xlsx")
    people = by_name(rows)
    zhang = cast.workers["member"]
    assert len(people) == 11
    assert people["张三"]["身份证号"] == zhang.id_number[:3] + "*" * 11 + zhang.id_number[-4:]
    assert people["张三"]["手机号"] == "138****0001"
    assert people["张三"]["单位"] == "办公室" and people["张三"]["会籍状态"] == "在会"
    audit = AuditEntry.objects.get(action="members.roster.exported")
    assert audit.after["rows"] == 11 and audit.after["unmasked"] is False
    assert audit.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert audit.actor == cast.users["chair"]


def test_the_chair_may_ask_for_full_id_numbers_after_stating_a_purpose_and_that_is_audited(cast, client_for):
    client = client_for(cast.users["chair"])
    response = client.get("/members/export.xlsx", {"unmasked": "1", "gender": "M"})
    assert response.status_code == 302 and response.url == "/members/export/full/?gender=M"
    page = client.get(response.url)
    assert "将导出" in page.content.decode() and not AuditEntry.objects.filter(action="members.roster.exported")
    refused = client.post(response.url, {"reason": " "})
    assert refused.status_code == 200 and "请填写导出用途" in refused.content.decode()
    assert not AuditEntry.objects.filter(action="members.roster.exported").exists()
    done = client.post(response.url, {"reason": "报送上级工会实名制数据"})
    assert done.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(done.streaming_content))).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert by_name(rows)["张三"]["身份证号"] == cast.workers["member"].id_number
    assert all(r["性别"] == "男" for r in by_name(rows).values())
    audit = AuditEntry.objects.get(action="members.roster.exported")
    assert audit.after["unmasked"] is True and audit.after["reason"] == "报送上级工会实名制数据"
    assert audit.after["filters"] == {"gender": "M"}


def test_the_api_exports_full_values_only_with_a_purpose(cast, client_for):
    client = client_for(cast.users["chair"])
    assert client.get("/api/v1/roster/export", {"unmasked": "true"}).status_code == 422
    _d, _s, rows = download(client, "/api/v1/roster/export", unmasked="true", reason="报送上级")
    assert by_name(rows)["张三"]["身份证号"] == cast.workers["member"].id_number
    assert AuditEntry.objects.get(action="members.roster.exported").after["reason"] == "报送上级"


def test_it_refuses_an_unmasked_export_to_a_committee_member(cast, client_for):
    response = client_for(cast.users["committee"]).get("/members/export.xlsx", {"unmasked": "1"})
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="members.roster.exported").exists()


def test_the_export_follows_the_list_filters_and_what_the_user_may_see(cast, client_for):
    _d, _s, rows = download(client_for(cast.users["chair"]), "/members/export.xlsx", gender="F")
    assert sorted(by_name(rows)) == sorted(w.name for k, w in cast.workers.items()
                                           if w.gender == "F" and w.union == cast.union)
    _d, _s, rows = download(client_for(cast.users["group_leader"]), "/members/export.xlsx")
    assert set(by_name(rows)) == {w.name for w in cast.union and cast.workers.values() if w.group == cast.groups[0]}
    assert AuditEntry.objects.filter(action="members.roster.exported").last().after["filters"] == {"gender": "F"}


def test_formula_looking_cells_are_neutralised(cast, client_for):
    posts = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1)", "\tTAB", "\rCR", "普通"]
    for i, post in enumerate(posts):
        born = dt.date(1980, 1, 1 + i)
        worker_create(actor=None, union=cast.union, name=f"=公式{i}", gender="M", birth_date=born,
                      id_number=idcard.make("350102", born, 50 + i, "M"), post=post)
    _data, sheet, rows = download(client_for(cast.users["chair"]), "/members/export.xlsx", q="公式")
    assert len(rows) == len(posts) + 1
    for row in sheet.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)
    exported = {r[0]: r[8].replace("_x000D_", "\r") for r in rows[1:]}  # openpyxl leaves CR escaped
    for i, post in enumerate(posts):
        want = post if post == "普通" else "'" + post
        assert exported[f"'=公式{i}"] == want


def test_the_api_exports_the_same_way(cast, client_for):
    client = client_for(cast.users["chair"])
    _d, _s, rows = download(client, "/api/v1/roster/export", gender="M")
    assert "张三" in by_name(rows) and "*" in by_name(rows)["张三"]["身份证号"]
    assert client_for(cast.users["committee"]).get("/api/v1/roster/export", {"unmasked": "true"}).status_code == 403
    assert AuditEntry.objects.filter(action="members.roster.exported").count() == 1

"""Roster import: every row rule with its row, column and Chinese message; all-or-nothing; valid-only."""
import datetime as dt

import pytest

from unionhome.core import idcard
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.members import importing
from unionhome.members.models import Membership, MembershipEvent, Worker
from unionhome.members.tests.io_files import person, write_roster

pytestmark = pytest.mark.django_db


def run(cast, tmp_path, rows, **kwargs):
    path = write_roster(tmp_path / "roster.xlsx", rows)
    return importing.roster_import(actor=cast.users["chair"], union=cast.union, path=path, **kwargs)


def errors_of(cast, tmp_path, rows):
    report = run(cast, tmp_path, rows, dry_run=True)
    return [(e.row, e.column, e.message) for e in report.errors]


def test_it_imports_a_valid_roster_with_memberships_and_one_audit_row(cast, tmp_path):
    before = Worker.objects.count()
    audits = AuditEntry.objects.count()
    rows = [person(1), person(2, gender="F", 学历="", 会员证号=""),
            person(3, 入会日期="", 会员证号="", 单位="", 工会小组="第2小组"),
            person(4, born=dt.date(1960, 2, 3), 在职状态="退休")]
    report = run(cast, tmp_path, rows)
    assert (report.total, report.valid, report.created, report.members_created) == (4, 4, 4, 3)
    assert Worker.objects.count() == before + 4
    w1 = Worker.objects.get(name="测试男1")
    assert w1.union == cast.union and w1.unit == cast.units[0] and w1.group == cast.groups[0]
    assert w1.id_number == rows[0]["身份证号"] and w1.mobile == "13900000001"
    assert (w1.name_pinyin, w1.name_initials) == ("ceshinan1", "csn1")
    assert w1.membership.card_number == "N00001" and w1.membership.status == "active"
    assert list(w1.membership.events.values_list("kind", flat=True)) == ["join"]
    w3 = Worker.objects.get(name="测试男3")
    assert w3.unit == cast.units[1] and not Membership.objects.filter(worker=w3).exists()  # unit taken from the group
    retiree = Worker.objects.get(name="测试男4").membership
    assert retiree.status == "retained"  # 章程 art.8: a retiree keeps membership without vote or dues
    assert set(MembershipEvent.objects.filter(membership=retiree).values_list("kind", flat=True)) == {"join", "retire"}
    assert AuditEntry.objects.count() == audits + 1
    audit = AuditEntry.objects.get(action="members.roster.imported")
    assert audit.after["created"] == 4 and audit.after["sha256"] == report.sha256
    assert audit.after["first_id"] == report.first_id and audit.after["last_id"] == report.last_id
    assert report.last_id - report.first_id == 3


BAD_ROWS = [
    ({"姓名": ""}, "姓名", "姓名必填"),
    ({"姓名": "张" * 51}, "姓名", "姓名不能超过50个字"),
    ({"姓名": True}, "姓名", "姓名应为文字，不能是逻辑值"),
    ({"性别": "男性"}, "性别", "性别“男性”不是可选值：男、女"),
    ({"性别": ""}, "性别", "性别必填"),
    ({"性别": "女"}, "性别", "性别与身份证号不一致"),
    ({"民族": "火星族"}, "民族", "民族“火星族”不在56个民族名称中"),
    ({"出生日期": dt.date(1990, 5, 18)}, "出生日期", "出生日期与身份证号不一致"),
    ({"出生日期": "去年"}, "出生日期", "出生日期“去年”不是有效日期，应写作 1985-03-01"),
    ({"出生日期": 33000}, "出生日期", "出生日期应为日期（如 1985-03-01），不能是数字"),
    ({"身份证号": ""}, "身份证号", "身份证号必填"),
    ({"身份证号": "35010219900517"}, "身份证号", "身份证号应为18位（前17位数字，最后一位数字或X）"),
    ({"身份证号": "350102199005170031"}, "身份证号", "身份证号校验位不正确"),
    ({"身份证号": 350102199005170030}, "身份证号", "身份证号须以文本格式填写（数字格式会丢失末几位）"),
    ({"手机号": "1390000"}, "手机号", "手机号应为以1开头的11位数字"),
    ({"单位": "外星局"}, "单位", "单位“外星局”不存在，请先在组织页面添加或改正名称"),
    ({"工会小组": "第9小组"}, "工会小组", "工会小组“第9小组”不存在，请先在组织页面添加或改正名称"),
    ({"工会小组": "第2小组"}, "工会小组", "工会小组“第2小组”不属于单位“办公室”"),
    ({"在职状态": "休假"}, "在职状态", "在职状态“休假”不是可选值：在职、退休、调离"),
    ({"政治面貌": "党员"}, "政治面貌", "政治面貌“党员”不是可选值：中共党员、中共预备党员、共青团员、民主党派、群众"),
    ({"学历": "博士"}, "学历", "学历“博士”不是可选值：研究生、大学本科、大学专科、中专/高中、初中及以下"),
    ({"入会日期": dt.date(2099, 1, 1)}, "入会日期", "入会日期不能晚于今天"),
    ({"入会日期": dt.date(1980, 1, 1)}, "入会日期", "入会日期早于出生日期"),
    ({"入会日期": "", "会员证号": "N1"}, "入会日期", "填写了会员证号，须同时填写入会日期"),
    ({"入会日期": "", "会员证号": "", "会籍状态": "在会"}, "入会日期", "填写了会籍状态，须同时填写入会日期"),
    ({"会籍状态": "保留会籍"}, "会籍状态", "保留会籍仅适用于退休职工（章程第八条）"),
    ({"会籍状态": "转出"}, "会籍状态", "会籍状态“转出”不是可选值：在会、保留会籍"),
    ({"在职状态": "退休", "会籍状态": "在会"}, "会籍状态", "退休职工应为保留会籍（章程第八条）"),
    ({"在职状态": "调离"}, "在职状态", "调离人员不能登记为会员，请删去入会日期或改正在职状态"),
]


def test_it_rejects_each_bad_cell_with_its_row_column_and_chinese_message(cast, tmp_path):
    # One file, one bad row per rule (row 2 is good): each row must carry exactly its own error.
    rows = [person(1)] + [person(i, **overrides) for i, (overrides, _c, _m) in enumerate(BAD_ROWS, start=2)]
    expected = [(i + 1, column, message) for i, (_o, column, message) in enumerate(BAD_ROWS, start=2)]
    got = errors_of(cast, tmp_path, rows)
    for want in expected:
        assert want in got, f"missing {want}"
    assert got == expected


def test_it_accepts_short_ethnicity_names_text_dates_and_numeric_mobiles(cast, tmp_path):
    row = person(1, 民族="回", 出生日期="1990/05/17", 手机号=13900000001.0, 入会日期="2015年7月1日")
    report = run(cast, tmp_path, [row])
    worker = Worker.objects.get(pk=report.first_id)
    assert (worker.ethnicity, worker.mobile, worker.membership.joined_on) == ("回族", "13900000001", dt.date(2015, 7, 1))


def test_it_takes_the_birth_date_from_the_id_number_when_left_empty(cast, tmp_path):
    report = run(cast, tmp_path, [person(1, 出生日期="")])
    assert Worker.objects.get(pk=report.first_id).birth_date == dt.date(1990, 5, 17)


def test_it_flags_every_occurrence_of_an_id_number_repeated_in_the_file(cast, tmp_path):
    twin = person(5, 姓名="重复者", 会员证号="N99999")
    rows = [person(5), person(6), twin]
    assert errors_of(cast, tmp_path, rows) == [(2, "身份证号", "身份证号与第4行重复"), (4, "身份证号", "身份证号与第2行重复")]


def test_it_flags_an_id_number_already_on_the_roster(cast, tmp_path):
    existing = cast.workers["member"]
    row = person(1, 身份证号=existing.id_number, 出生日期=existing.birth_date, 性别="男")
    assert errors_of(cast, tmp_path, [row]) == [(2, "身份证号", "该身份证号的职工已在花名册中")]


def test_it_does_not_see_another_unions_roster_as_a_duplicate(cast, tmp_path):
    other = cast.workers["other_worker"]
    row = person(1, 身份证号=other.id_number, 出生日期=other.birth_date)
    assert errors_of(cast, tmp_path, [row]) == []


def test_it_flags_card_numbers_repeated_in_the_file_or_already_used(cast, tmp_path):
    used = cast.workers["member"].membership.card_number
    rows = [person(1, 会员证号="DUP"), person(2, 会员证号="DUP"), person(3, 会员证号=used)]
    assert errors_of(cast, tmp_path, rows) == [(2, "会员证号", "会员证号与第3行重复"), (3, "会员证号", "会员证号与第2行重复"),
                                               (4, "会员证号", f"会员证号 {used} 已被使用")]


def test_it_reports_several_errors_of_one_row_in_column_order(cast, tmp_path):
    rows = [person(1, 性别="男性", 手机号="1", 单位="外星局")]
    assert [(c) for _r, c, _m in errors_of(cast, tmp_path, rows)] == ["性别", "手机号", "单位"]


def test_it_refuses_a_file_without_the_required_columns(cast, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", [person(1)], titles=["姓名", "性别", "电话"])
    with pytest.raises(RuleViolation) as exc:
        importing.roster_import(actor=None, union=cast.union, path=path)
    assert exc.value.code == "roster_columns_missing" and "身份证号" in exc.value.message


def test_it_reads_columns_in_any_order_and_skips_blank_and_example_rows(cast, tmp_path):
    titles = ["身份证号", "性别", "姓名*", "出生日期"]
    rows = [{**person(9), "姓名*": "示例：张三"}, {}, {**person(1), "姓名*": "测试男1"}]
    path = write_roster(tmp_path / "r.xlsx", rows, titles=titles)
    report = importing.roster_import(actor=None, union=cast.union, path=path)
    assert report.total == 1 and Worker.objects.get(pk=report.first_id).name == "测试男1"


def test_it_imports_nothing_by_default_when_any_row_is_invalid(cast, tmp_path):
    before, audits = Worker.objects.count(), AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        run(cast, tmp_path, [person(1), person(2, 手机号="12"), person(3)])
    assert exc.value.code == "roster_rows_invalid"
    assert exc.value.message.startswith("有 1 行数据有误")
    assert exc.value.details["errors"] == [{"row": 3, "column": "手机号", "message": "手机号应为以1开头的11位数字"}]
    assert Worker.objects.count() == before and AuditEntry.objects.count() == audits


def test_valid_only_imports_exactly_the_valid_rows(cast, tmp_path):
    rows = [person(1), person(2, 手机号="12"), person(3), person(4, 单位="外星局"), person(5)]
    report = run(cast, tmp_path, rows, valid_only=True)
    assert (report.created, report.invalid_rows) == (3, 2)
    new = Worker.objects.filter(pk__gte=report.first_id).order_by("pk")
    assert [w.name for w in new] == ["测试男1", "测试男3", "测试男5"]
    audit = AuditEntry.objects.get(action="members.roster.imported")
    assert audit.after["skipped_invalid"] == 2 and audit.after["valid_only"] is True


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_middle_of_an_import_leaves_nothing(cast, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    before = (Worker.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    calls = []

    def crash(table, done):
        calls.append((table, done))
        if len(calls) == 2:  # after the first batch of workers is in the database
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        run(cast, tmp_path, [person(i) for i in range(1, 8)], progress=crash)
    assert calls[0] == ("workers", 2)
    assert (Worker.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == before


def test_an_import_run_twice_adds_nobody_the_second_time(cast, tmp_path):
    run(cast, tmp_path, [person(1), person(2)])
    with pytest.raises(RuleViolation) as exc:
        run(cast, tmp_path, [person(1), person(2)], valid_only=True)
    assert exc.value.code == "roster_nothing_valid"


def test_the_template_has_headers_an_example_row_and_drop_down_lists(cast, client_for):
    import io

    import openpyxl

    response = client_for(cast.users["chair"]).get("/members/import/template.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:5] == ["姓名*", "性别*", "民族", "出生日期", "身份证号*"]
    example = [c.value for c in sheet[2]]
    assert example[0] == "示例：张三" and idcard.validate(example[4]) is None
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert set(ranges) >= {"B2", "C2", "G2", "H2", "J2"}  # gender, ethnicity, unit, group, status
    options = book["选项"]
    assert options.sheet_state == "hidden"
    assert [options.cell(row=i, column=7).value for i in (2, 3)] == ["办公室", "财政局"]

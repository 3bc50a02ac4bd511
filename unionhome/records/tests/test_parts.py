"""Each part of the 台账 bundle, opened in the zip: the files carry the records' content, masked by default."""
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from python_calamine import CalamineWorkbook

from unionhome.core.testing import images
from unionhome.records import services
from unionhome.records.bundle import index_paths
from unionhome.records.parts import mask_name

pytestmark = pytest.mark.django_db
INDEX_XLSX, _INDEX_DOCX = index_paths()
DAY = timezone.localdate() - dt.timedelta(days=7)
YEAR = DAY.year
PDF = b"%PDF-1.4 certificate"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def bundle(cast, *, reveal=False, year=YEAR) -> zipfile.ZipFile:
    b = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=year, reveal=reveal,
                                may_reveal=reveal, run_now=True)
    return zipfile.ZipFile(io.BytesIO(services.bundle_download(actor=cast.users["chair"], bundle=b).read()))


def named(zf, ending: str) -> str:
    found = [n for n in zf.namelist() if n.endswith(ending)]
    assert len(found) == 1, (ending, zf.namelist())
    return found[0]


def sheet(zf, ending: str, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(zf.read(named(zf, ending)))).get_sheet_by_name(name).to_python()


def cells(rows) -> set[str]:
    return {str(c) for row in rows for c in row}


def docx_text(zf, ending: str) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(zf.read(named(zf, ending)))).paragraphs)


def index_text(zf) -> str:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(INDEX_XLSX))).get_sheet_by_index(0).to_python()
    return "\n".join(" | ".join(str(c) for c in r) for r in rows)


def _study(cast):
    from unionhome.study import services as study
    from unionhome.study import services_campaigns as campaigns

    group = cast.groups[0]
    plan = study.plan_create(actor=None, union=cast.union, year=YEAR, group=group, title="第一小组学习计划")
    study.topic_set(actor=None, plan=plan, week=3, topic="学习《工会法》总则", material="第一章",
                    upload=SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf"))
    session = study.session_create(actor=None, group=group, held_on=DAY, topic="学习《工会法》总则", place="活动室")
    member, leader, other = cast.workers["member"], cast.workers["group_leader"], cast.workers["group1_worker"]
    study.session_record(actor=None, session=session, discussion="大家结合窗口服务交流体会",
                         marks={member.pk: "present", leader.pk: "present", other.pk: ("leave", "住院治疗")})
    typed = study.reflection_submit(actor=None, session=session, worker=member, text="工会是职工之家，要依法维权。")
    study.reflection_review(actor=None, reflection=typed, accept=True)
    written = study.reflection_submit(actor=None, session=session, worker=leader,
                                      upload=SimpleUploadedFile("h.png", images.PNG, content_type="image/png"))
    study.reflection_review(actor=None, reflection=written, accept=True)
    training = campaigns.training_create(actor=None, union=cast.union, kind="new_officer", course="新任工会干部培训班",
                                         provider="县总工会", starts_on=DAY, ends_on=DAY, hours=Decimal("8"))
    campaigns.training_record_add(actor=None, training=training, worker=cast.workers["chair"],
                                  certificate=SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf"))
    return session


def test_the_study_part_carries_plans_sessions_attendance_reflections_and_training_masked(cast):
    _study(cast)
    zf = bundle(cast)
    plan = sheet(zf, f"{YEAR}年度学习计划.xlsx", cast.groups[0].name)
    assert [int(plan[1][0]), plan[1][1], plan[1][2]] == [3, "学习《工会法》总则", "第一章"]
    assert any("05-学习培训/学习计划附件-" in n and n.endswith(".pdf") for n in zf.namelist())

    member, other = cast.workers["member"].name, cast.workers["group1_worker"].name
    record = sheet(zf, "小组学习记录与考勤.xlsx", "学习记录")
    assert record[1][1:5] == [cast.groups[0].name, "学习《工会法》总则", "活动室", 2.0]
    assert "大家结合窗口服务交流体会" in cells(record)
    marks = cells(sheet(zf, "小组学习记录与考勤.xlsx", "考勤"))
    assert mask_name(member) in marks and mask_name(other) in marks and "请假" in marks
    assert member not in marks and "住院治疗" not in marks  # names masked, a leave's reason withheld

    text = docx_text(zf, f"心得体会-{cast.groups[0].name}.docx")
    assert "工会是职工之家，要依法维权。" in text and mask_name(member) in text and member not in text
    assert "（手写稿，见照片）" in text
    assert not any("心得体会手写稿" in n or "培训证书" in n for n in zf.namelist())  # they show the full name
    index = index_text(zf)
    assert "手写心得体会：照片仅在含完整姓名的台账包中" in index and "结业证书：扫描件仅在含完整姓名的台账包中" in index

    training = cells(sheet(zf, "工会干部培训.xlsx", "干部培训"))
    assert {"新任工会干部培训班", "县总工会", mask_name(cast.workers["chair"].name), "有"} <= training


def test_the_revealed_bundle_adds_the_leave_reasons_handwritten_pages_and_certificates(cast):
    _study(cast)
    zf = bundle(cast, reveal=True)
    marks = cells(sheet(zf, "小组学习记录与考勤.xlsx", "考勤"))
    assert cast.workers["member"].name in marks and "住院治疗" in marks
    assert cast.workers["member"].name in docx_text(zf, f"心得体会-{cast.groups[0].name}.docx")
    photo = named(zf, ".png")
    assert "05-学习培训/心得体会手写稿-" in photo and zf.read(photo) == images.PNG
    certificate = next(n for n in zf.namelist() if "培训证书-" in n)
    assert zf.read(certificate) == PDF
    rows = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(INDEX_XLSX))).get_sheet_by_index(0).to_python()
    assert any(certificate in str(r[5]) for r in rows)  # the index names the certificate by its record


def test_the_organisation_part_carries_the_plan_with_its_check_the_rules_in_force_and_the_goals(cast):
    from unionhome.meetings import services as meetings
    from unionhome.meetings.tests.factories import held
    from unionhome.plans import services as plans
    from unionhome.plans.tests.factories import review

    entry = review(cast).entries.get()
    plans.link_add(actor=None, entry=entry, kind="meetings.meeting", object_id=held(cast, title="专题会议").pk)
    plans.entry_set(actor=None, entry=entry, status="on_track", comment="按计划推进")
    rule = meetings.regulation_create(actor=None, union=cast.union, kind="chair_duties", title="工会主席工作职责",
                                      text="一、主持全面工作。", effective_on=dt.date(2025, 1, 1))
    meetings.regulation_version_add(actor=None, regulation=rule, text="一、主持全面工作。\n二、联系职工群众。",
                                    effective_on=dt.date(2026, 2, 1))
    meetings.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=2026, text="全年走访困难职工")
    zf = bundle(cast, year=2026)
    plan = sheet(zf, "2026年度工作计划与检查总结.xlsx", "工作计划")
    assert plan[1][1] == "工作事项1" and plan[1][9] == plan[1][10] == "按计划推进"  # the status, the comment
    assert plan[1][3] == mask_name(cast.workers["committee"].name)
    assert "专题会议" in plan[1][11]
    rules = docx_text(zf, "规章制度汇编.docx")
    assert "第2版" in rules and "二、联系职工群众。" in rules
    goals = cells(sheet(zf, "2026年度委员工作目标.xlsx", "委员工作目标"))
    assert "全年走访困难职工" in goals and mask_name(cast.workers["committee"].name) in goals


def test_the_democracy_part_carries_the_inspections_with_findings_photos_and_the_suggestions(cast):
    from unionhome.disclosures import services as disclosures
    from unionhome.suggestions import services as suggestions
    from unionhome.suggestions.models import Category

    on = dt.date(2026, 3, 1)
    item = disclosures.item_create(actor=cast.users["chair"], union=cast.union, title="工会主席工作职责", kind="duties",
                                   publisher="机关工会委员会", place="board", content="主持工作", published_on=on)
    inspection = disclosures.inspection_plan(actor=cast.users["chair"], union=cast.union, kind="surprise", planned_on=on,
                                             inspectors=[cast.users["auditor"]])
    disclosures.finding_record(actor=cast.users["auditor"], inspection=inspection, item=item, text="公开栏内容未更新",
                               demand="一周内更换", owner=cast.workers["committee"], deadline=on + dt.timedelta(days=7),
                               photos=[SimpleUploadedFile("p.png", images.PNG)])
    disclosures.inspection_finish(actor=cast.users["auditor"], inspection=inspection, summary="一项整改", held_on=on)
    suggestions.suggestion_submit(actor=cast.users["member"], union=cast.union, title="增加健身器材", text="活动室器材少",
                                  category=Category.values[0], on=on)
    suggestions.suggestion_submit(actor=cast.users["committee"], union=cast.union, title="匿名的建议",
                                  text="内容", anonymous=True, category=Category.values[0], on=on)
    zf = bundle(cast, year=2026)
    found = sheet(zf, "2026年度政务公开与检查.xlsx", "问题与整改")
    assert found[1][1:4] == ["工会主席工作职责", "公开栏内容未更新", "一周内更换"]
    assert found[1][4] == mask_name(cast.workers["committee"].name)
    assert "一项整改" in cells(sheet(zf, "2026年度政务公开与检查.xlsx", "检查"))
    photo = named(zf, ".png")
    assert photo.startswith("02-民主管理/公开检查照片-20260301") and zf.read(photo) == images.PNG
    rows = {r[1]: r for r in sheet(zf, "2026年度合理化建议.xlsx", "合理化建议")[1:]}
    assert rows["增加健身器材"][3] == mask_name(cast.workers["member"].name) and rows["匿名的建议"][3] == "匿名"


def test_the_culture_part_carries_competition_results_and_the_activity_rooms_equipment(cast):
    from unionhome.activities import services_room as room
    from unionhome.competitions import services as competitions
    from unionhome.competitions.models import Format, Sport
    from unionhome.competitions.tests.factories import competition, start

    c = start(cast, competition(cast, format=Format.TIMED, sport=Sport.CYCLING, entrants=2))
    for n, e in enumerate(c.entries.all(), start=1):
        competitions.time_record(actor=cast.users["chair"], entry=e, time=f"1:0{n}:00")
    competitions.competition_finish(actor=cast.users["chair"], competition=c)
    chess = room.asset_create(actor=None, union=cast.union, name="象棋", code="QP-01", category="chess",
                              purchased_on=dt.date(2026, 1, 5), post_purchase=False)
    room.loan_create(actor=None, asset=chess, worker=cast.workers["member"], lent_on=dt.date(2026, 2, 1))
    zf = bundle(cast, year=2026)
    results = docx_text(zf, f"比赛成绩-20260501-{c.pk}.docx") + "\n".join(
        cell.text for t in Document(io.BytesIO(zf.read(named(zf, f"比赛成绩-20260501-{c.pk}.docx")))).tables
        for row in t.rows for cell in row.cells)
    assert "1:01:00" in results
    equipment = cells(sheet(zf, "活动室设备与借用登记.xlsx", "设备"))
    assert {"QP-01", "象棋"} <= equipment
    loans = cells(sheet(zf, "活动室设备与借用登记.xlsx", "借用登记"))
    assert mask_name(cast.workers["member"].name) in loans and cast.workers["member"].name not in loans

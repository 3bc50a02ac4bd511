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


def bundle(cast, *, reveal=False) -> zipfile.ZipFile:
    b = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=YEAR, reveal=reveal,
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

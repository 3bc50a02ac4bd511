"""The evaluation part of the 台账 bundle (评先评优), opened in the zip: the year's round, nominations, honours with
rewards and objections; members masked by default, a group honour named; the certificates only when revealed."""
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document
from python_calamine import CalamineWorkbook

from unionhome.awards import services as awards
from unionhome.awards.tests.helpers import days_ago, kind, round_
from unionhome.records.bundle import index_paths
from unionhome.records.items import folder
from unionhome.records.parts import mask_name
from unionhome.records.tests.opening import bundle_open, sheet_rows

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
BOOK = f"{folder('evaluation')}/{YEAR}年度评先评优.xlsx"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def bundle(cast, *, reveal=False) -> zipfile.ZipFile:
    return bundle_open(cast, year=YEAR, reveal=reveal)


def sheet(zf, name: str) -> list[list]:
    return sheet_rows(zf, BOOK, name)


def _round(cast):
    """A final round: two members and a group honoured, one objection answered, the rewards booked."""
    person = kind(cast)
    best = kind(cast, name="优秀工会小组", value=Decimal("400"), nominee="group")
    r = round_(cast, kinds=[person, best])
    noms = [awards.nomination_add(actor=None, round=r, kind=person, worker=cast.workers[w], votes_for=2, voters=3,
                                  discussion="工作踏实，群众公认") for w in ("member", "group2_worker")]
    noms.append(awards.group_nomination_add(actor=None, round=r, kind=best, group=cast.groups[0]))
    honours = awards.round_decide(actor=cast.users["chair"], round=r, chosen=[n.pk for n in noms],
                                  meeting_ref="第5次委员会会议", meeting_on=days_ago(20))
    r.refresh_from_db()
    awards.round_publish(actor=cast.users["chair"], round=r, starts_on=days_ago(19))
    honour = next(a for a in honours if a.worker_id == cast.workers["member"].pk)
    objection = awards.objection_raise(actor=cast.users["committee"], award=honour, reason="本年度曾迟到多次",
                                       today=days_ago(18))
    awards.objection_answer(actor=cast.users["chair"], objection=objection, answer="经核实已按规定请假")
    r.refresh_from_db()
    awards.round_finalise(actor=cast.users["chair"], round=r, today=days_ago(5))
    awards.rewards_book(actor=cast.users["chair"], round=r, on=days_ago(4))
    r.refresh_from_db()
    return r


def test_the_evaluation_part_lists_the_round_nominations_honours_and_objections_masked(cast):
    r = _round(cast)
    zf = bundle(cast)
    assert sheet(zf, "评选过程")[1][:3] == [r.title, "已确定", "第5次委员会会议"]
    member = cast.workers["member"].name
    honours = sheet(zf, "荣誉名单")[1:]
    assert {h[1] for h in honours} == {mask_name(member), mask_name(cast.workers["group2_worker"].name),
                                       cast.groups[0].name}
    assert all(h[5] for h in honours)  # every reward's voucher
    nominations = sheet(zf, "小组推荐")[1:]
    assert {int(n[3]) for n in nominations if n[3] != ""} == {2} and not any("群众公认" in str(n) for n in nominations)
    (objection,) = sheet(zf, "公示异议")[1:]
    assert objection[1] == mask_name(member) and "迟到" not in str(objection) and objection[4] == "否"
    text = "\n".join(str(c) for name in ("评选过程", "小组推荐", "荣誉名单", "公示异议") for row in sheet(zf, name) for c in row)
    assert member not in text
    assert not any(n.endswith("荣誉证书.docx") for n in zf.namelist())
    index = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(index_paths()[0]))).get_sheet_by_index(0).to_python()
    assert any("荣誉证书：证书印有全名，仅在含完整姓名的台账包中" in str(row[3]) for row in index)


def test_the_revealed_bundle_adds_names_reasons_and_the_certificates(cast):
    r = _round(cast)
    zf = bundle(cast, reveal=True)
    (objection,) = sheet(zf, "公示异议")[1:]
    assert objection[1] == cast.workers["member"].name and objection[2] == "本年度曾迟到多次"
    certificates = f"{folder('evaluation')}/{r.title}荣誉证书.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(zf.read(certificates))).paragraphs)
    assert cast.workers["member"].name in text and cast.groups[0].name in text

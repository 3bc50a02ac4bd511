"""The care part of the 台账 bundle, opened in the zip: the care summary (.docx and .xlsx) with every visit's amount,
budget category, voucher and approval, the festival visits, the health check's counts and 送温暖; names masked by
default, never a health result, a needy household's file or (masked) a visit's photo."""
import datetime as dt
import io
import zipfile
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from python_calamine import CalamineWorkbook

from unionhome.care.services import health, warmth
from unionhome.care.services.visits import visit_record
from unionhome.care.tests.factories import consents, open_file
from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.core.testing import images
from unionhome.funds.chart import category_names
from unionhome.members.services import membership_retire
from unionhome.records.bundle import index_paths
from unionhome.records.items import folder
from unionhome.records.parts import mask_name
from unionhome.records.tests.opening import bundle_open, sheet_rows

pytestmark = pytest.mark.django_db
YEAR = 2026
NOW = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
CARE = folder("care")
STEM = f"{CARE}/{YEAR}年度关爱服务台账汇总"
T = dt.time


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def bundle(cast, *, reveal=False) -> zipfile.ZipFile:
    return bundle_open(cast, year=YEAR, reveal=reveal)


def sheet(zf, name: str) -> list[list]:
    return sheet_rows(zf, f"{STEM}.xlsx", name)


def docx_text(zf) -> str:
    doc = Document(io.BytesIO(zf.read(f"{STEM}.docx")))
    lines = [p.text for p in doc.paragraphs]
    lines += [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    return "\n".join(lines)


def care_text(zf) -> str:
    """Everything the care folder's two documents say (every cell of every sheet, every paragraph and table)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(f"{STEM}.xlsx")))
    cells = [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row]
    return "\n".join(cells) + "\n" + docx_text(zf)


def index_text(zf) -> str:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(index_paths()[0]))).get_sheet_by_index(0).to_python()
    return "\n".join(" | ".join(str(c) for c in r) for r in rows)


def _care_year(cast):
    """A hospital visit with a photo, a wedding over no cap (approved by the chair), a health check where one woman
    attended and has a result, and a 中秋 送温暖 campaign visiting a needy household and a retiree."""
    officers = [cast.workers["committee"], cast.workers["chair"]]
    hospital = visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                            kind="hospital", visited_on=dt.date(YEAR, 4, 10), amount=Decimal("400"), gift="水果、牛奶",
                            officers=officers, note="胃出血住院",
                            photos=[SimpleUploadedFile("p.png", images.PNG, content_type="image/png")])
    wedding = visit_record(actor=cast.users["chair"], union=cast.union, worker=cast.workers["group1_worker"],
                           kind="wedding", visited_on=dt.date(YEAR, 5, 18), amount=Decimal("500"), gift="床上用品",
                           officers=officers, override_reason="省办法未列结婚慰问限额，经委员会研究按500元发放")

    women = cast.users["women_committee"]
    check = health.health_campaign_create(actor=women, union=cast.union, name="2026年女职工健康检查", clinic="县妇幼保健站")
    health.health_slots_add(actor=women, campaign=check, day=dt.date(YEAR, 6, 8),
                            times=[(T(8), T(10)), (T(10), T(12))], capacity=2)
    health.health_invite_eligible(actor=women, campaign=check, on=dt.date(YEAR, 6, 8))
    health.health_schedule_all(actor=women, campaign=check, today=dt.date(YEAR, 5, 25))
    invite = check.invites.filter(slot__isnull=False).select_related("worker").first()
    health.health_invite_attend(actor=women, invite=invite, on=dt.date(YEAR, 6, 8))
    health.health_result_record(actor=women, invite=invite, result="宫颈炎，建议复查")

    helper = cast.users["hardship_officer"]
    needy = cast.workers["group1_worker"]
    consents(cast, needy)
    open_file(cast, needy)  # cause: illness, 尿毒症透析
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(YEAR, 1, 1))
    campaign = warmth.warmth_campaign_create(actor=helper, union=cast.union, name="2026年中秋送温暖",
                                             festival="mid_autumn", year=YEAR, default_amount="500")
    warmth.warmth_campaign_select(actor=helper, campaign=campaign)
    for v in campaign.visits.all():
        warmth.warmth_visit_assign(actor=helper, visit=v, officer=cast.workers["hardship_officer"])
        warmth.warmth_visit_done(actor=helper, visit=v, on=dt.date(YEAR, 9, 20),
                                 amount="500" if v.target == "needy" else "200", gift="月饼、米、油")
    return hospital, wedding, invite.worker


@NOW
def test_the_care_summary_lists_every_visit_with_amount_category_voucher_and_approval_masked(cast):
    hospital, wedding, _woman = _care_year(cast)
    zf = bundle(cast)
    assert {f"{STEM}.docx", f"{STEM}.xlsx"} <= set(zf.namelist())

    visits = sheet(zf, "慰问记录")
    when = When.for_year(YEAR)
    # the registered figure is the number of visit rows (the retiree's 送温暖 gift is a festival visit too)
    assert registry.compute(registry.get("care.visits"), cast.union, when).value == len(visits) - 1 == 3
    by_kind = {row[3]: row for row in visits[1:]}
    names = category_names(dt.date(YEAR, 12, 31))
    row = by_kind["生病住院慰问"]
    entry = hospital.payout.entry
    assert row[1] == mask_name(cast.workers["member"].name) and row[5] == 400.0
    assert row[6] == f"{names[(entry.kind, entry.category, '')]}—{entry.account_item.label}"
    assert row[7] == entry.voucher and "在标准内" in row[8]
    assert "照片1张（仅在含完整姓名的台账包中）" in row[9] and mask_name(cast.workers["committee"].name) in row[9]
    wedding_row = by_kind["结婚慰问"]
    assert "省办法未列结婚慰问限额" in wedding_row[8] and wedding_row[7] == wedding.payout.entry.voucher
    assert "退休职工节日慰问" in by_kind and "中秋节" in by_kind["退休职工节日慰问"][4]

    text = care_text(zf)
    for full in (cast.workers["member"].name, cast.workers["group1_worker"].name, cast.workers["committee"].name):
        assert full not in text
    assert "胃出血" not in text  # a visit's note is never copied
    # the photo stays out of the masked bundle; the index says it exists
    assert not [n for n in zf.namelist() if n.startswith(CARE + "/") and not n.startswith(STEM)]
    assert "慰问照片1张：照片仅在含完整姓名的台账包中" in index_text(zf)


@NOW
def test_the_care_summary_gives_the_health_checks_counts_only_and_warmth_without_the_needy_file(cast):
    _h, _w, woman = _care_year(cast)
    zf = bundle(cast)
    rows = sheet(zf, "女职工健康检查")
    total = rows[1]
    assert total[:2] == ["2026年女职工健康检查", "县妇幼保健站"] and [int(x) for x in total[3:7]] == [4, 5, 4, 1]
    figure = registry.compute(registry.get("care.health_check_women"), cast.union, When.for_year(YEAR))
    assert int(total[6]) == figure.value == 1
    text = care_text(zf)
    assert "宫颈炎" not in text and woman.name not in text and mask_name(woman.name) not in sheet_cells(rows)

    warm = sheet(zf, "送温暖")
    assert len(warm) - 1 == registry.compute(registry.get("care.warmth_recipients"), cast.union,
                                              When.for_year(YEAR)).value == 2
    needy = next(r for r in warm[1:] if r[3] == "困难职工")
    assert needy[4] == mask_name(cast.workers["group1_worker"].name) and needy[7] == 500.0
    assert "送温暖费" in needy[8] and needy[9] and "建档在先" in needy[10]
    retiree = next(r for r in warm[1:] if r[3] == "退休职工")
    assert retiree[7] == 200.0 and retiree[9]
    assert "尿毒症" not in text and "本人或家属患病" not in text and "深度困难" not in text

    festivals = {r[0]: r for r in sheet(zf, "节日慰问")[1:]}
    assert [int(x) for x in festivals["中秋节"][1:4]] == [1, 1, 700]
    doc = docx_text(zf)
    assert "2026年11月24日" in doc and "本年度送温暖走访2户（困难职工1户，退休职工1户）" in doc
    assert "不含任何人的姓名和检查结果" in doc


def sheet_cells(rows) -> set[str]:
    return {str(c) for row in rows for c in row}


@NOW
def test_the_revealed_bundle_names_people_and_carries_the_visits_photo(cast):
    hospital, _w, _woman = _care_year(cast)
    zf = bundle(cast, reveal=True)
    visits = sheet(zf, "慰问记录")
    assert cast.workers["member"].name in sheet_cells(visits)
    photo = next(n for n in zf.namelist() if n.startswith(f"{CARE}/慰问照片-"))
    assert photo.endswith(".png") and zf.read(photo) == hospital.photos.get().image.read()
    index = [r for r in index_text(zf).splitlines() if photo in r]
    assert index and "生病住院慰问" in index[0]  # the photo is filed under its visit's row


@NOW
def test_the_summarys_numbers_are_the_registrys(cast):
    _care_year(cast)
    real = registry.compute

    def shifted(figure, *args, **kwargs):
        value = real(figure, *args, **kwargs)
        if figure.key == "care.visits":
            value.value = 99
        return value

    with mock.patch.object(registry, "compute", shifted):
        zf = bundle(cast)
    assert "本年度慰问99人次" in docx_text(zf)
    assert any(r[0] == "慰问人次" and int(r[1]) == 99 for r in sheet(zf, "统计数字"))

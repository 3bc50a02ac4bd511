"""The demo union's 2026 bundle, built the way ``./run`` builds the demo at the year's end (30 December, after the
year-end evaluation): every area of the year has its files, the care summary agrees with the registered figures,
and the study part has its tables. One test: building the demo takes minutes."""
import datetime as dt
import io
import zipfile

import pytest
import time_machine
from python_calamine import CalamineWorkbook

from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.records.bundle import bundle_write
from unionhome.records.items import AREAS, folder
from unionhome.records.parts import mask_name

pytestmark = [pytest.mark.django_db, pytest.mark.long]
TODAY = dt.date(2026, 12, 30)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def rows(zf, name: str, sheet: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(zf.read(name))).get_sheet_by_name(sheet).to_python()


@time_machine.travel(dt.datetime(2026, 12, 30, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_the_demo_bundle_has_files_in_every_area_and_the_years_care_study_and_evaluation():
    from unionhome.demo import builder

    ctx = builder.build_demo(today=TODAY)
    out = io.BytesIO()
    written = bundle_write(out, union=ctx.union, year=2026, reveal=False)
    zf = zipfile.ZipFile(out)
    names = zf.namelist()
    assert set(names) == set(written.files)
    for key, _label in AREAS:
        assert any(n.startswith(folder(key) + "/") for n in names), key

    # 服务职工: the care summary's rows are the registered figures' records
    when = When.for_year(2026, today=TODAY)
    care = f"{folder('care')}/2026年度关爱服务台账汇总.xlsx"
    assert {care, care.replace(".xlsx", ".docx")} <= set(names)
    visits = registry.compute(registry.get("care.visits"), ctx.union, when)
    assert len(rows(zf, care, "慰问记录")) - 1 == visits.value > 50
    warmth = registry.compute(registry.get("care.warmth_recipients"), ctx.union, when)
    assert len(rows(zf, care, "送温暖")) - 1 == warmth.value > 18
    health = rows(zf, care, "女职工健康检查")
    attended = registry.compute(registry.get("care.health_check_women"), ctx.union, when).value
    assert int(health[1][6]) == attended > 80
    assert all(r[5] for r in rows(zf, care, "慰问记录")[1:])  # every visit names its budget category
    assert not any(n.startswith(f"{folder('care')}/慰问照片") for n in names)  # photos only when revealed
    retiree = next(w for w in ctx.workers if w.employment_status == "retired")
    care_cells = {str(c) for r in rows(zf, care, "慰问记录") for c in r}
    assert mask_name(retiree.name) in care_cells and retiree.name not in care_cells

    # 评先评优: the year-end evaluation's workbook, members masked, the group honours named
    evaluation = f"{folder('evaluation')}/2026年度评先评优.xlsx"
    honours = rows(zf, evaluation, "荣誉名单")
    final = registry.compute(registry.get("awards.honours"), ctx.union, when).value
    assert len([r for r in honours[1:] if not r[7]]) == final > 10
    assert any("工会小组" in str(r[1]) for r in honours[1:])

    study = [n for n in names if n.startswith(folder("study") + "/")]
    assert any(n.endswith("小组学习记录与考勤.xlsx") for n in study)
    assert any("/心得体会-" in n for n in study)
    sessions = next(n for n in study if n.endswith("小组学习记录与考勤.xlsx"))
    assert len(rows(zf, sessions, "学习记录")) > 10

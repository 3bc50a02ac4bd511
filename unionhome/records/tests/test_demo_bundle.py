"""The demo union's 2026 bundle: every area of the year has its files, and the study part its tables."""
import datetime as dt
import io
import zipfile

import pytest
import time_machine
from python_calamine import CalamineWorkbook

from unionhome.records.bundle import bundle_write
from unionhome.records.items import AREAS, folder

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_the_demo_bundle_has_files_in_every_area_and_the_years_study():
    from unionhome.demo import builder

    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    out = io.BytesIO()
    written = bundle_write(out, union=ctx.union, year=2026, reveal=False)
    names = zipfile.ZipFile(out).namelist()
    assert set(names) == set(written.files)
    for key, _label in AREAS:
        assert any(n.startswith(folder(key) + "/") for n in names), key
    study = [n for n in names if n.startswith(folder("study") + "/")]
    assert any(n.endswith("小组学习记录与考勤.xlsx") for n in study)
    assert any("/心得体会-" in n for n in study)
    sessions = next(n for n in study if n.endswith("小组学习记录与考勤.xlsx"))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(zipfile.ZipFile(out).read(sessions))).get_sheet_by_name("学习记录")
    assert len(rows.to_python()) > 10

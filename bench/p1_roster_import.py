"""P1: roster import of N rows vs calamine reading the same file + PostgreSQL COPY of the same rows.

    DB=pg scripts/bench.sh bench/p1_roster_import.py --rows 100000
    DB=pg scripts/bench.sh bench/p1_roster_import.py --rows 100000,1000000   (also: time per row at the largest
                                                                              size ≤ 1.2× at the smallest)

Target (shared performance.md): import wall time ≤ 3× the baseline, measured in the same run. The import is
``members.importing.roster_import`` (the service behind the page, the command and the API): read, validate
every row, duplicate check in the file and against the database, unit/group links, pinyin, encryption,
blind indexes, workers + memberships + membership events, one audit row, one transaction. The baseline
reads the same file with python-calamine and COPYs the already-prepared rows (ciphertext, keys, ids
computed beforehand, untimed) into the same three tables, in a transaction on the same (empty) tables.
Generated files are kept in var/bench/ and reused.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import machine, say, setup_django

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
                "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟强磊军洋勇杰涛明超斌鹏辉刚健平波峰建国华文博宇浩志芳娜敏静丽艳娟霞秀英玲燕红梅琳雪婷慧颖倩萍兰丹洁晶"
             "海鑫宁欣晨阳帆凯昊然瑞雨佳嘉怡子涵轩梓琪思源俊晓东亮林飞鸿春秋德宏岩琦诗悦")
ETHNIC = ["汉族"] * 18 + ["回族", "壮族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族"]
UNITS = 20  # each with 2 groups


def roster_rows(rows: int):
    """The cells of a realistic roster of ``rows`` people (unique ID numbers, 85% members, some retirees)."""
    from unionhome.core import idcard

    base = dt.date(1962, 1, 1)
    ns, ng = len(SURNAMES), len(GIVEN)
    for i in range(rows):
        gender = "M" if i % 2 == 0 else "F"
        born = base + dt.timedelta(days=i % 14000)
        name = SURNAMES[(i * 7919) % ns] + GIVEN[(i * 104729) % ng] + (GIVEN[(i * 1299709) % ng] if i % 5 else "")
        group = i % (UNITS * 2)
        retired = born.year < 1966 and i % 3 == 0
        member = i % 7 != 0
        yield [name, "男" if gender == "M" else "女", ETHNIC[i % len(ETHNIC)], born,
               idcard.make("350102", born, i // 14000, gender), f"13{i:09d}", f"第{group // 2 + 1}单位",
               f"第{group + 1}小组", "科员", "退休" if retired else "在职", "中共党员" if i % 3 == 0 else "群众", "大学本科",
               dt.date(max(born.year + 22, 1990), 7, 1) if member else "", f"B{i:09d}" if member else ""]


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
}


def generate(path: Path, rows: int) -> None:
    """Write the roster as a minimal xlsx (inline strings, built-in date format) straight from its XML:
    xlsxwriter needs ~20 minutes for a million rows on this machine, this a small fraction of it."""
    import zipfile
    from xml.sax.saxutils import escape

    from unionhome.members.importing import COLUMNS

    started = time.perf_counter()
    epoch = dt.date(1899, 12, 30)
    letters = [chr(ord("A") + i) for i in range(len(COLUMNS))]
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in _PARTS.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')

            def row_xml(r, values):
                cells = []
                for letter, v in zip(letters, values):
                    if v == "":
                        continue
                    if isinstance(v, dt.date):
                        cells.append(f'<c r="{letter}{r}" s="1"><v>{(v - epoch).days}</v></c>')
                    else:
                        cells.append(f'<c r="{letter}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                return f'<row r="{r}">{"".join(cells)}</row>'

            buffer = [row_xml(1, [c.title for c in COLUMNS])]
            for r, values in enumerate(roster_rows(rows), start=2):
                buffer.append(row_xml(r, values))
                if len(buffer) >= 5000:
                    sheet.write("".join(buffer).encode())
                    buffer = []
            sheet.write(("".join(buffer) + "</sheetData></worksheet>").encode())
    tmp.rename(path)
    say(f"   生成 {path.name}: {rows} 行, {path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f}s")


def make_union(code: str):
    from unionhome.org.services import group_create, union_create, unit_create

    union = union_create(actor=None, name=f"基准工会 {code}", code=code)
    for u in range(UNITS):
        unit = unit_create(actor=None, union=union, name=f"第{u + 1}单位")
        for g in (2 * u, 2 * u + 1):
            group_create(actor=None, union=union, name=f"第{g + 1}小组", unit=unit)
    return union


def empty_tables() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("TRUNCATE members_membershipevent, members_membership, members_worker CASCADE")
        cur.execute("VACUUM ANALYZE members_worker")


def baseline(path: Path, union, limits) -> dict:
    """calamine read of the file + COPY of the prepared rows of the same file into the same tables."""
    from django.db import connection, transaction
    from django.utils import timezone
    from python_calamine import CalamineWorkbook

    from unionhome.members import importing, roster_write
    from unionhome.members.models import Membership, MembershipEvent, Worker

    # untimed: the rows exactly as the import writes them
    _report, good = importing._check_file(path, union, limits)
    now, today = timezone.now(), timezone.localdate()
    with connection.cursor() as cur:
        wids = roster_write._reserve_ids(cur, Worker, len(good))
        joining = roster_write._membership_plan(good, wids)
        mids = roster_write._reserve_ids(cur, Membership, len(joining))
    workers = list(roster_write.worker_tuples(union.pk, good, wids, now))
    members = [(mid, union.pk, now, now, wid, v["card_number"], v["joined_on"], v["membership_status"],
                today if v["membership_status"] == "retained" else v["joined_on"])
               for mid, (wid, v) in zip(mids, joining)]
    events = []
    for mid, (_wid, v) in zip(mids, joining):
        events.append((union.pk, now, now, mid, "join", v["joined_on"], "", "", "", None))
        if v["membership_status"] == "retained":
            events.append((union.pk, now, now, mid, "retire", today, "", "", roster_write.RETIRE_NOTE, None))
    del good

    t0 = time.perf_counter()
    rows = 0
    for _row in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows():
        rows += 1
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cur:
            for model, fields, data in ((Worker, roster_write.WORKER_FIELDS, workers),
                                        (Membership, roster_write.MEMBERSHIP_FIELDS, members),
                                        (MembershipEvent, roster_write.EVENT_FIELDS, events)):
                with cur.copy(roster_write.copy_sql(model, fields)) as copy:
                    for row in data:
                        copy.write_row(row)
        t_copy = time.perf_counter() - t0
        transaction.set_rollback(True)  # leave the tables empty for the import
    return {"read": t_read, "copy": t_copy, "rows_read": rows - 1}


def run(rows: int, folder: Path) -> dict:
    from unionhome.core.xlsx import XlsxLimits
    from unionhome.members import importing

    path = folder / f"roster-v2-{rows}.xlsx"
    if not path.exists():
        generate(path, rows)
    size = path.stat().st_size
    # A 1M-row roster is far above the upload limit of the page; the command is how such files come in.
    limits = XlsxLimits(max_bytes=max(size + 1, 20 << 20), max_unpacked=50 * size + (400 << 20), max_ratio=100,
                        max_entries=500)
    empty_tables()  # (CASCADE also empties the groups, whose leader points at a worker: a new union each time)
    base = baseline(path, make_union(f"BASE-{rows}-{int(time.time())}"), limits)
    empty_tables()
    union = make_union(f"BENCH-{rows}-{int(time.time())}")
    t0 = time.perf_counter()
    report = importing.roster_import(actor=None, union=union, path=path, limits=limits)
    t_import = time.perf_counter() - t0
    assert report.created == rows and report.error_count == 0, (report.created, report.error_count)
    b = base["read"] + base["copy"]
    result = {"rows": rows, "import": t_import, "baseline": b, "read": base["read"], "copy": base["copy"],
              "ratio": t_import / b, "per_row_us": t_import / rows * 1e6, "members": report.members_created}
    say(f"   rows={rows:,} import={t_import:.2f}s baseline={b:.2f}s (calamine read {base['read']:.2f}s + "
        f"COPY {base['copy']:.2f}s) ratio={result['ratio']:.2f} per-row={result['per_row_us']:.1f}µs "
        f"members={report.members_created:,}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="100000", help="comma-separated sizes, e.g. 100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.rows.split(",")]
    setup_django(fresh=True)
    folder = Path(os.environ.get("UNIONHOME_BENCH_DIR", Path(__file__).resolve().parent.parent / "var" / "bench"))
    folder.mkdir(parents=True, exist_ok=True)
    say(f"P1 roster import · {machine()} · {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    results = [run(n, folder) for n in sizes]
    ok = all(r["ratio"] <= 3.0 for r in results)
    summary = " | ".join(f"{r['rows']:,} rows: {r['import']:.1f}s vs {r['baseline']:.1f}s = {r['ratio']:.2f}×"
                         for r in results)
    if len(results) > 1:
        growth = results[-1]["per_row_us"] / results[0]["per_row_us"]
        ok = ok and growth <= 1.2
        summary += f" | per-row {results[-1]['rows']:,} vs {results[0]['rows']:,}: {growth:.2f}× (target ≤ 1.2×)"
    say(f"P1 {'PASS' if ok else 'MISS'} (target ≤ 3×): {summary}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

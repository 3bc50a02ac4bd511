"""P7: the federation's roll-ups, a union's dashboard figures and its ledger balance vs their raw aggregate SQL.

    DB=pg UNIONHOME_PG_PORT=55605 scripts/bench.sh bench/p7_figures.py --unions 1000 --workers 1000000 --ledger 10000000

Target (shared performance.md): each figure ≤ 1.5× its raw aggregate SQL. A figure here is what the pages call:
``core.figures.union_values`` (one GROUP BY union query per figure over every union below the federation: the
comparison page and its API), ``core.figures.compute`` for one union (the dashboard, with parts) and
``funds.queries.balance`` (the ledger balance). The baseline is the SQL that call sends, captured and run raw
through the same connection (no ORM, no Python rows), so the ratio is what the platform adds to the database's
own work. No roll-up table is needed while every figure stays within 1.5×.

Data: a federation with ``--unions`` grassroots unions, ``--workers`` spread evenly (6 in 7 members), ``--ledger``
entries spread over the unions' books for the year. One worker and one entry per kind are made through the
services as templates; the rest are copies of their rows written with COPY (the encrypted columns carry the
template's ciphertext). The data is kept in its own database and reused by later runs of the same size.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import machine, say, setup_django

REPEAT = 5
YEAR = 2026


def _row(cur, table: str, pk: int) -> tuple[list[str], list]:
    cur.execute(f'SELECT * FROM "{table}" WHERE id = %s', [pk])
    cols = [d.name for d in cur.description]
    return cols, list(cur.fetchone())


def _copy(conn, table: str, cols: list[str], rows) -> None:
    columns = ", ".join(f'"{c}"' for c in cols)
    with conn.cursor() as cur, cur.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, dict | list) else v for v in row])


def generate(tag: str, unions: int, workers: int, ledger: int):
    from django.db import connection, transaction

    from unionhome.core import idcard
    from unionhome.core.models import Union
    from unionhome.funds.models import LedgerBook, LedgerEntry
    from unionhome.funds.services import entry_post, ledger_open
    from unionhome.members.models import Membership, Worker
    from unionhome.members.services import worker_create
    from unionhome.org.services import union_create

    started = time.perf_counter()
    fed = union_create(actor=None, name=f"P7 federation {tag}", code=f"P7-{tag}", kind=Union.Kind.FEDERATION)
    ids = [union_create(actor=None, name=f"P7 union {i}", code=f"P7-{tag}-{i}", parent=fed).pk for i in range(unions)]
    say(f"   {unions} unions: {time.perf_counter() - started:.0f}s")
    first = Union.objects.get(pk=ids[0])
    born = dt.date(1980, 1, 1)
    template = worker_create(actor=None, union=first, name="模板", gender="F", birth_date=born,
                             id_number=idcard.make("350102", born, 1 + sum(map(ord, tag)) % 900, "F"), mobile="13900000000",
                             join_on=dt.date(2015, 1, 1), card_number="TPL-1")
    ledger_open(actor=None, union=first, on=dt.date(YEAR - 1, 12, 1), balance=Decimal("1000"))
    income = entry_post(actor=None, union=first, on=dt.date(YEAR, 1, 5), kind="income", category="allocation",
                        subcategory="", amount=Decimal("100"), counterparty="拨缴", note="拨缴")
    expense = entry_post(actor=None, union=first, on=dt.date(YEAR, 1, 6), kind="expense", category="activity",
                         subcategory="culture_sports", amount=Decimal("50"), counterparty="对方", note="活动")
    for pk in ids[1:]:
        ledger_open(actor=None, union=Union(pk=pk), on=dt.date(YEAR - 1, 12, 1), balance=Decimal("1000"))
    conn = connection.connection
    with connection.cursor() as cur:
        wcols, wrow = _row(cur, Worker._meta.db_table, template.pk)
        mcols, mrow = _row(cur, Membership._meta.db_table, template.membership.pk)
        cur.execute(f'SELECT max(id) FROM "{Worker._meta.db_table}"')
        next_w = cur.fetchone()[0] + 1
        cur.execute(f'SELECT max(id) FROM "{Membership._meta.db_table}"')
        next_m = cur.fetchone()[0] + 1
    w_at = {c: i for i, c in enumerate(wcols)}
    m_at = {c: i for i, c in enumerate(mcols)}
    chunk = 200_000
    for start in range(0, workers, chunk):
        wrows, mrows = [], []
        for i in range(start, min(workers, start + chunk)):
            union_id = ids[i % unions]
            w = list(wrow)
            w[w_at["id"]], w[w_at["union_id"]] = next_w + i, union_id
            w[w_at["gender"]] = "F" if i % 3 == 0 else "M"
            w[w_at["birth_date"]] = born + dt.timedelta(days=i % 12000)
            w[w_at["id_number_hash"]] = f"p7{i:012d}"
            w[w_at["unit_id"]] = w[w_at["group_id"]] = None
            if "card_number" in w_at:
                w[w_at["card_number"]] = f"P7{i:09d}" if i % 7 else ""
            wrows.append(w)
            if i % 7:
                m = list(mrow)
                m[m_at["id"]], m[m_at["worker_id"]], m[m_at["union_id"]] = next_m + i, next_w + i, union_id
                m[m_at["card_number"]] = f"P7{i:09d}"
                mrows.append(m)
        with transaction.atomic():
            _copy(conn, Worker._meta.db_table, wcols, wrows)
            _copy(conn, Membership._meta.db_table, mcols, mrows)
        say(f"   workers {min(workers, start + chunk):,} / {workers:,}: {time.perf_counter() - started:.0f}s")
    books = {b.union_id: b.pk for b in LedgerBook.objects.filter(union_id__in=ids, year=YEAR)}
    missing = [pk for pk in ids if pk not in books]
    for pk in missing:
        books[pk] = LedgerBook.objects.create(union_id=pk, year=YEAR).pk
    with connection.cursor() as cur:
        icols, irow = _row(cur, LedgerEntry._meta.db_table, income.pk)
        _ecols, erow = _row(cur, LedgerEntry._meta.db_table, expense.pk)
        cur.execute(f'SELECT max(id) FROM "{LedgerEntry._meta.db_table}"')
        next_e = cur.fetchone()[0] + 1
    e_at = {c: i for i, c in enumerate(icols)}
    chunk = 500_000
    for start in range(0, ledger, chunk):
        rows = []
        for i in range(start, min(ledger, start + chunk)):
            e = list(irow if i % 3 == 0 else erow)
            union_id = ids[i % unions]
            e[e_at["id"]], e[e_at["union_id"]], e[e_at["book_id"]] = next_e + i, union_id, books[union_id]
            e[e_at["number"]] = 10 + i // unions
            e[e_at["on"]] = dt.date(YEAR, 1 + i % 11, 1 + i % 28)
            e[e_at["amount"]] = Decimal(10 + i % 500)
            rows.append(e)
        with transaction.atomic():
            _copy(conn, LedgerEntry._meta.db_table, icols, rows)
        say(f"   ledger {min(ledger, start + chunk):,} / {ledger:,}: {time.perf_counter() - started:.0f}s")
    with connection.cursor() as cur:
        for table in ("members_worker", "members_membership", "funds_ledgerentry"):
            cur.execute(f'SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT max(id) FROM "{table}"))',
                        [table, "id"])
    say(f"   generated: {time.perf_counter() - started:.0f}s")
    return fed


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        for table in ("members_worker", "members_membership", "funds_ledgerentry"):
            cur.execute(f"VACUUM ANALYZE {table}")


def median_time(fn) -> float:
    fn()  # warm
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(label: str, fn, results: list) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # the generation's statements would overflow the capture (9,000 kept)
    with CaptureQueriesContext(connection) as q:
        fn()
    sqls = [x["sql"] for x in q.captured_queries]

    def raw():
        with connection.cursor() as cur:
            for sql in sqls:
                cur.execute(sql)
                cur.fetchall()

    t, base = median_time(fn), median_time(raw)
    results.append((label, t, base, t / base, len(sqls)))
    say(f"   {label:<34} {t * 1000:9.1f}ms  raw SQL {base * 1000:9.1f}ms  ratio {t / base:5.2f}  ({len(sqls)} queries)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--ledger", type=int, default=10_000_000)
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database first")
    args = parser.parse_args()
    setup_django(fresh=args.fresh, db="unionhome_bench_p7")
    from django.db import transaction

    from unionhome.core import figures as registry
    from unionhome.core.figures import When
    from unionhome.core.models import Union
    from unionhome.dashboard.federation import unions_below
    from unionhome.funds.queries import balance

    tag = f"{args.unions}-{args.workers}-{args.ledger}"
    say(f"P7 figures · {machine()} · {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC · {tag}")
    fed = Union.objects.filter(code=f"P7-{tag}").first()
    if fed is None:
        with transaction.atomic():  # all or nothing: a later run of the same size reuses only complete data
            fed = generate(tag, args.unions, args.workers, args.ledger)
        vacuum()
    ids = [u.pk for u in unions_below(fed)]
    assert len(ids) == args.unions, len(ids)
    when = When.for_year(YEAR, today=dt.date(YEAR, 12, 31))
    results: list = []
    for key in ("members.staff", "members.in_membership", "members.rate", "members.by_gender", "funds.income",
                "funds.expense", "care.visits"):
        figure = registry.get(key)
        measure(f"federation {key}", lambda f=figure: registry.union_values(f, ids, when), results)
    union = Union.objects.get(pk=ids[0])
    for key in ("members.rate", "members.by_gender", "funds.expense"):
        figure = registry.get(key)
        measure(f"one union {key}", lambda f=figure: registry.compute(f, union, when), results)
    measure("one union ledger balance", lambda: balance(union, YEAR), results)
    worst = max(results, key=lambda r: r[3])
    ok = worst[3] <= 1.5
    say(f"P7 {'PASS' if ok else 'MISS'} (target ≤ 1.5× raw aggregate SQL): {args.unions:,} unions, "
        f"{args.workers:,} workers, {args.ledger:,} ledger rows; worst {worst[0]} {worst[1] * 1000:.1f}ms vs "
        f"{worst[2] * 1000:.1f}ms = {worst[3]:.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

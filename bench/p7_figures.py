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
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import machine, say, setup_django

REPEAT = 5
YEAR = 2026


TABLES = ("members_worker", "members_membership", "funds_ledgerentry")


def _indexes(cur, table: str) -> list[tuple[str, str]]:
    """The table's indexes that no constraint owns (name, CREATE statement), exactly as the migrations made them."""
    cur.execute("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)",
                [table])
    return cur.fetchall()


def _copies(cur, table: str, source: str, overrides: dict[str, str], params: dict) -> int:
    """INSERT … SELECT in the database: one row per ``g`` of ``source`` (a FROM clause joining ``generate_series``
    as ``g`` to the template row ``t``), each a copy of ``t`` with ``overrides`` (column → SQL of ``g``)."""
    cur.execute(f'SELECT * FROM "{table}" LIMIT 0')
    cols = [d.name for d in cur.description]
    select = ", ".join(overrides.get(c, f't."{c}"') for c in cols)
    columns = ", ".join(f'"{c}"' for c in cols)
    cur.execute(f'INSERT INTO "{table}" ({columns}) SELECT {select} FROM {source}', params)
    return cur.rowcount


def generate(tag: str, unions: int, workers: int, ledger: int):
    """The templates through the services, the copies in SQL (``INSERT … SELECT … generate_series``): the
    indexes no constraint owns are dropped first and made again afterwards from their own definitions, and the
    foreign-key triggers are skipped for the copies (``session_replication_role = replica``: every reference is a
    row made above). Constraints (primary keys, unique, checks) stay on throughout."""
    from django.db import connection

    from unionhome.core import idcard
    from unionhome.core.models import Union
    from unionhome.funds.models import LedgerBook
    from unionhome.funds.services import entry_post, ledger_open
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
    books = {b.union_id: b.pk for b in LedgerBook.objects.filter(union_id__in=ids, year=YEAR)}
    for pk in ids:
        if pk not in books:
            books[pk] = LedgerBook.objects.create(union_id=pk, year=YEAR).pk
    say(f"   templates: {time.perf_counter() - started:.0f}s")
    union_of = f"(%(ids)s::bigint[])[1 + mod(g, {unions})]"
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the templates' deferred checks run now, not at index time
        dropped = [d for table in TABLES for d in _indexes(cur, table)]
        for name, _sql in dropped:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute('SELECT max(id) FROM "members_worker"')
        next_w = cur.fetchone()[0] + 1
        cur.execute('SELECT max(id) FROM "members_membership"')
        next_m = cur.fetchone()[0] + 1
        cur.execute('SELECT max(id) FROM "funds_ledgerentry"')
        next_e = cur.fetchone()[0] + 1
        params = {"ids": ids, "books": [books[pk] for pk in ids], "w": template.pk, "m": template.membership.pk,
                  "inc": income.pk, "exp": expense.pk}
        n = _copies(cur, "members_worker", f'"members_worker" t, generate_series(0, {workers - 1}) g WHERE t.id = %(w)s', {
            "id": f"{next_w} + g", "union_id": union_of, "gender": "CASE WHEN mod(g, 3) = 0 THEN 'F' ELSE 'M' END",
            "birth_date": f"DATE '{born}' + (mod(g, 12000))", "id_number_hash": "'p7' || lpad(g::text, 12, '0')",
            "unit_id": "NULL", "group_id": "NULL",
            "card_number": "CASE WHEN mod(g, 7) <> 0 THEN 'P7' || lpad(g::text, 9, '0') ELSE '' END"}, params)
        say(f"   workers {n:,}: {time.perf_counter() - started:.0f}s")
        n = _copies(cur, "members_membership",
                    f'"members_membership" t, generate_series(0, {workers - 1}) g WHERE t.id = %(m)s AND mod(g, 7) <> 0', {
                        "id": f"{next_m} + g", "worker_id": f"{next_w} + g", "union_id": union_of,
                        "card_number": "'P7' || lpad(g::text, 9, '0')"}, params)
        say(f"   memberships {n:,}: {time.perf_counter() - started:.0f}s")
        chunk = 2_000_000
        for start in range(0, ledger, chunk):
            stop = min(ledger, start + chunk) - 1
            _copies(cur, "funds_ledgerentry", f'generate_series({start}, {stop}) g JOIN "funds_ledgerentry" t '
                    "ON t.id = CASE WHEN mod(g, 3) = 0 THEN %(inc)s ELSE %(exp)s END", {
                        "id": f"{next_e} + g", "union_id": union_of, "book_id": f"(%(books)s::bigint[])[1 + mod(g, {unions})]",
                        "number": f"10 + g / {unions}", "on": f"make_date({YEAR}, 1 + mod(g, 11), 1 + mod(g, 28))",
                        "amount": "10 + mod(g, 500)"}, params)
            say(f"   ledger {stop + 1:,} / {ledger:,}: {time.perf_counter() - started:.0f}s")
        cur.execute("SET LOCAL session_replication_role = origin")
        cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, sql in dropped:
            cur.execute(sql)
        say(f"   {len(dropped)} indexes made again: {time.perf_counter() - started:.0f}s")
        for table in TABLES:
            cur.execute(f'SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT max(id) FROM "{table}"))',
                        [table, "id"])
    say(f"   generated: {time.perf_counter() - started:.0f}s")
    return fed


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        for table in TABLES:
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

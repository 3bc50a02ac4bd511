"""P3: the member list page (50 rows, filters, count, pinyin search) on N workers vs its raw SQL + an empty view.

    DB=pg scripts/bench.sh bench/p3_member_list.py --rows 1000000

Target (shared performance.md): server time ≤ 3× (the SQL the page runs, executed raw, + an empty Django view
through the same middleware); the number of queries the same for every filter and page. Workers are generated
once with COPY (through the roster import's writer) into a database of its own and reused by later runs.
Server time is measured in-process with Django's test client (no network), median of repeated requests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import machine, say, setup_django

REPEAT = 7


def generate(rows: int):
    from django.db import connection, transaction

    from bench.p1_roster_import import ETHNIC, GIVEN, SURNAMES, UNITS, make_union
    from unionhome.core import idcard
    from unionhome.members import roster_write
    from unionhome.members.roster_keys import BlindIndex
    from unionhome.org.models import UnionGroup, Unit

    started = time.perf_counter()
    union = make_union(f"P3-{rows}")
    units = {u.name: u.pk for u in Unit.objects.filter(union=union)}
    groups = {g.name: (g.pk, g.unit_id) for g in UnionGroup.objects.filter(union=union)}
    blind, base, ns, ng = BlindIndex(), dt.date(1962, 1, 1), len(SURNAMES), len(GIVEN)
    chunk = 100_000
    for start in range(0, rows, chunk):
        good = []
        for i in range(start, min(rows, start + chunk)):
            gender = "M" if i % 2 == 0 else "F"
            born = base + dt.timedelta(days=i % 14000)
            name = SURNAMES[(i * 7919) % ns] + GIVEN[(i * 104729) % ng] + (GIVEN[(i * 1299709) % ng] if i % 5 else "")
            group_id, unit_id = groups[f"第{i % (UNITS * 2) + 1}小组"]
            id_number = idcard.make("350102", born, i // 14000, gender)
            member = i % 7 != 0
            good.append((i, {"name": name, "gender": gender, "ethnicity": ETHNIC[i % len(ETHNIC)], "birth_date": born,
                             "id_number": id_number, "id_number_hash": blind(id_number), "mobile": f"13{i:09d}",
                             "unit_id": unit_id, "group_id": group_id, "post": "科员", "employment_status": "employed",
                             "political_status": "masses", "education": "bachelor",
                             "joined_on": dt.date(max(born.year + 22, 1990), 7, 1) if member else None,
                             "card_number": f"P{i:09d}" if member else "", "membership_status": "active"}))
        with transaction.atomic():
            roster_write.copy_rows(union=union, good=good, actor=None, batch_size=10**9, progress=lambda t, d: None)
        say(f"   生成 {min(rows, start + chunk):,} / {rows:,}")
    with connection.cursor() as cur:
        for table in ("members_worker", "members_membership", "members_membershipevent"):
            cur.execute(f"VACUUM ANALYZE {table}")
    say(f"   生成 {rows:,} 名职工: {time.perf_counter() - started:.0f}s")
    assert units
    return union


def scenario_urls(union) -> dict:
    from unionhome.org.models import Unit

    unit = Unit.objects.filter(union=union).order_by("id")[3]
    return {
        "list": "/members/",
        "filters": f"/members/?unit={unit.pk}&gender=F&status=active&age_band=40-49",
        "initials": "/members/?q=zw",
        "full pinyin": "/members/?q=wangwei",
        "one letter w": "/members/?q=w",
        "one letter w p3": "/members/?q=w&page=3",
        "page 200": "/members/?page=200",
    }


def median_time(fn) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    setup_django(fresh=False, db="unionhome_bench_p3")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches, set_urlconf

    from unionhome.accounts.services import account_create
    from unionhome.core.models import Union
    from unionhome.members.models import Worker

    settings.ROOT_URLCONF = "bench.p3_urls"
    clear_url_caches()
    set_urlconf(None)
    say(f"P3 member list · {machine()} · {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    union = Union.objects.filter(code=f"P3-{args.rows}").first()
    if union is None or Worker.objects.filter(union=union).count() != args.rows:
        union = generate(args.rows)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=f"p3_chair_{args.rows}").first() or account_create(
        actor=None, username=f"p3_chair_{args.rows}", password="Bench-pass-2026", union=union,
        roles=["chair", "member"], must_change_password=False)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/bench-empty/").status_code == 200
    with CaptureQueriesContext(connection) as empty_q:
        client.get("/bench-empty/")
    framework_sql = {q["sql"] for q in empty_q.captured_queries}

    results, counts, ok = [], {}, True
    for label, url in scenario_urls(union).items():
        response = client.get(url)  # warm
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as page_q:
            response = client.get(url)
        counts[label] = len(page_q.captured_queries)
        # the page's own reads; session, user and role queries are what the empty view also runs
        page_sql = [q["sql"] for q in page_q.captured_queries if q["sql"] not in framework_sql
                    and q["sql"].lstrip().upper().startswith("SELECT")
                    and not any(t in q["sql"] for t in ('"django_session"', '"auth_user"', '"accounts_'))]
        shown = response.content.decode().count('href="/members/') - 0

        def raw():
            client.get("/bench-empty/")
            with connection.cursor() as cur:
                for sql in page_sql:
                    cur.execute(sql)
                    if cur.description:
                        cur.fetchall()

        page_t = median_time(lambda: client.get(url))
        base_t = median_time(raw)
        ratio = page_t / base_t
        ok = ok and ratio <= 3.0
        results.append((label, page_t, base_t, ratio))
        say(f"   {label:<12} page={page_t * 1000:8.1f}ms baseline={base_t * 1000:8.1f}ms "
            f"(empty view + {len(page_sql)} raw queries) ratio={ratio:.2f} queries={counts[label]} links={shown}")
    # Constant: the same for every page of a search (page 1 / page 3 / page 200 of the list); a one-letter search
    # asks one fixed extra question (does a name or card hold the letter outside the pinyin range?)
    constant = (counts["one letter w"] == counts["one letter w p3"]
                and len({n for label, n in counts.items() if not label.startswith("one letter")}) == 1
                and counts["one letter w"] - counts["list"] <= 1)
    ok = ok and constant
    worst = max(results, key=lambda r: r[3])
    say(f"P3 {'PASS' if ok else 'MISS'} (target ≤ 3×, constant query count): {args.rows:,} workers, worst "
        f"{worst[0]} {worst[1] * 1000:.0f}ms vs {worst[2] * 1000:.0f}ms = {worst[3]:.2f}×; "
        f"queries per page {sorted(set(counts.values()))} ({'constant' if constant else 'NOT constant'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

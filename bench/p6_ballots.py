"""P6 (docs/performance-targets.md): secret-ballot casting and the tally, against PostgreSQL baselines.

  DB=pg scripts/bench.sh bench/p6_ballots.py [--voters 10000] [--clients 8] [--seconds 10] [--ballots 1000000]

0. Casting through HTTP (the target since issue 14): the real endpoint ``POST /api/v1/elections/{id}/vote`` under
   gunicorn, one ballot per API token sent by wrk, against the framework floor (bench/floor.py) on the same
   gunicorn, in ``--rounds`` alternating pairs of bursts (median ratio). Target: ≥ 50% of the floor; pgbench still
   reported as the limit.
1. Casting: ``services_voting.ballot_cast`` from N client processes, each with its own connection (one
   transaction per ballot: election + roll check, candidates, participation row, random blank slot filled, audit) vs pgbench INSERT into a table with a unique
   (election, voter) key at the same client count. Target: ≥ 50%.
2. Tally: counting 1M ballots (``services._count_online``: one GROUP BY + decoding + writing the counts)
   vs the bare GROUP BY over the ballot table. Target: ≤ 2×.
The last line prints both ratios; the exit status is non-zero when a target is missed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE_URL = os.environ.get("DATABASE_URL", "")
if "postgres" not in BASE_URL:
    sys.exit("P6 runs on PostgreSQL: DB=pg scripts/bench.sh bench/p6_ballots.py")
PG_BIN = os.environ.get("UNIONHOME_PG_BIN", "")
BENCH_URL = BASE_URL.rsplit("/", 1)[0] + "/unionhome_bench_p6"
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")


def psql(url, sql):
    subprocess.run([f"{PG_BIN}/psql", url, "-qAtc", sql], check=True, capture_output=True)


def fresh_database():
    admin = BASE_URL
    psql(admin, "DROP DATABASE IF EXISTS unionhome_bench_p6")
    psql(admin, "CREATE DATABASE unionhome_bench_p6")


def setup_election(voters: int, token_voters: int = 0):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from unionhome.committees.models import Committee
    from unionhome.core.models import RuleSetting
    from unionhome.elections import services
    from unionhome.elections.models import Election
    from unionhome.members.models import Membership, Worker
    from unionhome.members.services import worker_fill_derived
    from unionhome.org.services import union_create

    union = union_create(actor=None, name="基准工会", code="BENCH")
    RuleSetting.objects.create(key="committees.seat_ranges", value=[[None, 1, 45]], source="bench",
                               effective_from=dt.date(2000, 1, 1))
    workers = []
    for i in range(voters):
        born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        w = Worker(union=union, name=f"杨{i}", gender="M", birth_date=born, id_number=f"B{i:017d}")
        worker_fill_derived(w)
        workers.append(w)
    Worker.objects.bulk_create(workers, batch_size=2000)
    workers = list(Worker.objects.filter(union=union).order_by("pk"))
    tokens = []
    if token_voters:  # members with logins and API tokens, for the HTTP casting (their own workers)
        from unionhome.activities.tests.burst import seed_members

        tokens = seed_members(union, token_voters, prefix="p6")
    Membership.objects.bulk_create([Membership(union=union, worker=w, joined_on=dt.date(2020, 1, 1),
                                               status_since=dt.date(2020, 1, 1)) for w in workers], batch_size=2000)
    election = services.election_create(actor=None, union=union, kind=Election.Kind.GENERAL,
                                        committee_kind=Committee.Kind.UNION, mode=Election.Mode.ONLINE, seats=3,
                                        held_on=timezone.localdate(), term_years=5, body=Election.Body.MEMBERS)
    for w in workers[:4]:
        services.candidate_nominate(actor=None, election=election, worker=w, confirmed=True)
    now = timezone.now()
    election = services.election_open(actor=None, election=election, opens_at=now - dt.timedelta(minutes=1),
                                      closes_at=now + dt.timedelta(hours=3),
                                      present=voters + token_voters)  # the head count an online vote now needs
    workers = list(Worker.objects.filter(union=union, name__startswith="杨").select_related("membership").order_by("?"))
    return union, election, workers, tokens


def bench_http(election, tokens: list[str], clients: int, rounds: int = 5) -> dict:
    """Ballots/s through gunicorn (2×cores+1 workers) sent by wrk, one ballot per token: the real endpoint
    ``POST /api/v1/elections/{id}/vote`` against the framework floor (bench/floor.py: same token check, the
    participation INSERT on the unique key + the slot UPDATE as raw SQL). Both servers run side by side and the
    bursts alternate, app then floor, ``rounds`` times, each with fresh tokens (as P5 does): a slow spell of the
    machine falls on both sides of a round. Returns each round's (statuses, seconds, p95, ballots/s) a side."""
    import json

    from django.db import connections

    from bench.p5_signup_burst import wrk_burst
    from unionhome.activities.tests.burst import Server

    ids = [c.pk for c in election.candidates.filter(write_in=False)]
    body = json.dumps({"marks": [{"candidate_id": ids[0], "mark": "F"}, {"candidate_id": ids[1], "mark": "A"}]})
    size = len(tokens) // (2 * rounds)
    connections.close_all()
    out = []
    with Server() as app, Server(app="bench.floor:application", settings_module="bench.floor_settings") as floor:
        for r in range(rounds):
            batch = tokens[2 * r * size:(2 * r + 2) * size]
            pair = {}
            for label, server, path, part in (("app", app, f"/api/v1/elections/{election.pk}/vote", batch[:size]),
                                              ("floor", floor, f"/floor/ballot/{election.pk}", batch[size:])):
                statuses, elapsed, p95 = wrk_burst(server.url, path, part, clients, body=body)
                pair[label] = (statuses, elapsed, p95, statuses.get(201, 0) / elapsed)
            print(f"  round {r + 1}: app {pair['app'][3]:.0f}/s, floor {pair['floor'][3]:.0f}/s, "
                  f"ratio {pair['app'][3] / pair['floor'][3]:.1%}", flush=True)
            out.append(pair)
    return out


def _cast_client(k, election_id, worker_ids, ids, barrier, stop, done):
    """One casting client: a process of its own with its own database connection (no shared GIL)."""
    from django.db import connection

    from unionhome.elections.models import Election
    from unionhome.elections.services_voting import ballot_cast
    from unionhome.members.models import Worker

    try:
        election = Election.objects.get(pk=election_id)
        by_pk = Worker.objects.select_related("membership").in_bulk(worker_ids)
        workers = [by_pk[pk] for pk in worker_ids]
        barrier.wait()
        for n, w in enumerate(workers):
            if stop.is_set():
                break
            ballot_cast(actor=None, election=election, worker=w, marks={ids[n % 4]: "F", ids[(n + 1) % 4]: "A"})
            done[k] += 1
    finally:
        connection.close()


def bench_casting(election, workers, clients: int, seconds: float) -> float:
    """Ballots per second cast by ``clients`` processes (fork; each opens its own connection)."""
    import multiprocessing

    from django.db import connections

    ids = [c.pk for c in election.candidates.filter(write_in=False)]
    chunks = [[w.pk for w in workers[i::clients]] for i in range(clients)]
    connections.close_all()  # the children must not share the parent's connection
    ctx = multiprocessing.get_context("fork")
    barrier, stop = ctx.Barrier(clients + 1), ctx.Event()
    done = ctx.Array("l", clients)
    procs = [ctx.Process(target=_cast_client, args=(k, election.pk, chunks[k], ids, barrier, stop, done))
             for k in range(clients)]
    for p in procs:
        p.start()
    barrier.wait()
    start = time.perf_counter()
    time.sleep(seconds)
    cast_by_deadline = sum(done)
    elapsed = time.perf_counter() - start
    stop.set()
    for p in procs:
        p.join()
    if any(p.exitcode for p in procs):
        sys.exit("P6: a casting client failed")
    return cast_by_deadline / elapsed


def bench_pgbench(clients: int, seconds: int) -> float:
    psql(BENCH_URL, "DROP TABLE IF EXISTS p6_participation; CREATE TABLE p6_participation ("
                    "id bigserial PRIMARY KEY, election_id int NOT NULL, voter_id bigint NOT NULL, "
                    "UNIQUE (election_id, voter_id))")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write("\\set voter random(1, 4000000000000)\n"
                "INSERT INTO p6_participation (election_id, voter_id) VALUES (1, :voter) ON CONFLICT DO NOTHING;\n")
        script = f.name
    out = subprocess.run([f"{PG_BIN}/pgbench", "-n", "-c", str(clients), "-j", str(min(clients, os.cpu_count() or 1)),
                          "-T", str(seconds), "-f", script, BENCH_URL], check=True, capture_output=True, text=True).stdout
    tps = [line for line in out.splitlines() if line.startswith("tps")][0]
    return float(tps.split("=")[1].split()[0])


def bench_tally(union, ballots: int, repeats: int = 3):
    from django.db import connection
    from django.utils import timezone

    from unionhome.committees.models import Committee
    from unionhome.elections import services
    from unionhome.elections.models import Election

    election = Election.objects.create(union=union, kind="general", committee_kind=Committee.Kind.UNION,
                                       mode="online", body="members", seats=3, held_on=timezone.localdate(),
                                       title="1M", status="open", entitled=ballots)
    first = Election.objects.exclude(pk=election.pk).first()
    for c in first.candidates.filter(write_in=False):
        c.pk = None
        c.election = election
        c.save()
    mark = "substr('FAX', 1 + floor(random() * 3)::int, 1)"
    with connection.cursor() as cur:
        cur.execute(f"""INSERT INTO elections_ballot (id, union_id, election_id, receipt, filled, marks, write_ins)
                        SELECT gen_random_uuid(), %s, %s, 'T' || lpad(to_hex(i), 10, '0'), true,
                               {mark} || {mark} || {mark} || {mark}, '' FROM generate_series(1, %s) i""",
                    [union.pk, election.pk, ballots])
        cur.execute("VACUUM ANALYZE elections_ballot")
    raw, ours = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute("SELECT marks, write_ins, count(*) FROM elections_ballot WHERE election_id = %s AND filled "
                        "GROUP BY marks, write_ins", [election.pk])
            cur.fetchall()
        raw.append(time.perf_counter() - t)
        t = time.perf_counter()
        services._count_online(election)
        ours.append(time.perf_counter() - t)
    return statistics.median(ours), statistics.median(raw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--http-voters", type=int, default=2000,
                        help="voters with API tokens cast through gunicorn: half the real endpoint, half the floor")
    parser.add_argument("--http-clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5, help="HTTP bursts a side, alternating app and floor")
    args = parser.parse_args()
    fresh_database()
    import django

    django.setup()
    union, election, workers, tokens = setup_election(args.voters, args.http_voters)
    http = bench_http(election, tokens, args.http_clients, args.rounds) if tokens else None
    cast_rate = bench_casting(election, workers, args.clients, args.seconds)
    pgbench_rate = bench_pgbench(args.clients, args.seconds)
    tally_ours, tally_raw = bench_tally(union, args.ballots)
    cast_ratio, tally_ratio = cast_rate / pgbench_rate, tally_ours / tally_raw
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {platform.node()} {cpu} × {os.cpu_count()} cores; PostgreSQL {PG_BIN}; "
          f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; load {os.getloadavg()[0]:.1f}")
    print(f"casting: {cast_rate:.0f} ballots/s vs pgbench unique INSERT {pgbench_rate:.0f} tps "
          f"({args.clients} clients, {args.voters} voters)")
    print(f"tally of {args.ballots} ballots: {tally_ours * 1000:.0f} ms vs GROUP BY {tally_raw * 1000:.0f} ms")
    ok = tally_ratio <= 2.0
    if http:
        for r, pair in enumerate(http):
            for label, (statuses, elapsed, p95, rate) in pair.items():
                answers = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
                print(f"round {r + 1} HTTP casting, {label}: answers {{{answers}}}, {elapsed:.2f} s, p95 {p95:.2f} s → "
                      f"{rate:.0f} ballots/s ({rate / pgbench_rate:.1%} of pgbench)")
                ok = ok and set(statuses) == {201}
        ratios = sorted(pair["app"][3] / pair["floor"][3] for pair in http)
        floor_ratio = statistics.median(ratios)
        ok = ok and floor_ratio >= 0.5
        print(f"rounds' ratios: {', '.join(f'{x:.1%}' for x in ratios)}")
        print(f"P6 HTTP casting app/floor {floor_ratio:.1%}, the median of {len(http)} rounds (target ≥ 50%)")
    else:
        ok = ok and cast_ratio >= 0.5
    casting = (f"HTTP casting {floor_ratio:.1%} of the floor (target ≥ 50%; in process {cast_ratio:.1%} of pgbench, "
               f"the limit)" if http else f"casting {cast_ratio:.1%} of pgbench (target ≥ 50%)")
    print(f"P6 {casting}; tally {tally_ratio:.2f}× GROUP BY (target ≤ 2×): {'PASS' if ok else 'MISS'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

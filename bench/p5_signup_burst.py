"""P5 (docs/performance-targets.md): a capacity-limited sign-up burst.

Accepted sign-ups per second through the real stack (gunicorn with 2×cores+1 workers, the API with
bearer tokens, PostgreSQL) with C concurrent clients, against the framework floor measured in the same run:
the same gunicorn and workers serving ``bench/floor.py`` (same token check, the conditional UPDATE + INSERT as
raw SQL, no middleware). Target: ≥ 50% of the floor. pgbench running the equivalent conditional UPDATE
(``taken = taken + 1 WHERE taken < capacity``) with the same client count is printed as the limit.
Also checks that exactly ``capacity`` sign-ups were accepted (zero oversell) and that no answer was a 5xx.

The clients are wrk (Debian's ``wrk``, C, ``bench/p5_signup.lua`` sends each token once), so the load
generator takes little of the CPU the server and PostgreSQL share; the script installs it with apt when
it is missing and it runs as root. ``--client httpx`` uses the Python clients of the concurrency test
instead (asyncio + httpx, one process: they cost the server a large share of the 2 cores).

    DB=pg scripts/bench.sh bench/p5_signup_burst.py [--clients 200] [--requests 1000] [--seconds 10] [--rounds 5]
                                                    [--client wrk|httpx]

Both servers run side by side and the bursts alternate, app then floor, ``--rounds`` times, each burst on its own
activity with fresh tokens: a slow spell of a shared machine then falls on both sides of a round. The ratio is the
median of the rounds' ratios.

Prints the figures, the ratio app/floor on the last line, exits 1 if it is below 50% (or on an oversell).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "unionhome_bench_p5"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10, help="pgbench duration")
    parser.add_argument("--client", choices=["wrk", "httpx"], default="wrk", help="load generator")
    parser.add_argument("--rounds", type=int, default=5, help="bursts a side, alternating app and floor")
    args = parser.parse_args()
    if args.client == "wrk" and not _have_wrk():
        print("wrk is missing and could not be installed: use --client httpx", file=sys.stderr)
        return 2
    base = os.environ.get("DATABASE_URL", "")
    pgbin = os.environ.get("UNIONHOME_PG_BIN", "")
    if "postgres" not in base or not pgbin:
        print("P5 needs PostgreSQL: DB=pg scripts/bench.sh bench/p5_signup_burst.py", file=sys.stderr)
        return 2
    m = re.match(r"postgres://(?P<user>[^@]+)@(?P<host>[^:]+):(?P<port>\d+)/", base)
    user, host, port = m["user"], m["host"], m["port"]
    psql = [f"{pgbin}/psql", "-h", host, "-p", port, "-U", user, "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run(psql + ["-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    subprocess.run(psql + ["-d", "postgres", "-c", f"CREATE DATABASE {DB_NAME}"], check=True)
    os.environ["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{DB_NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from unionhome.activities.models import Signup
    from unionhome.activities.tests.burst import Server, burst_activity, fire, seed_members
    from unionhome.org.services import union_create

    union = union_create(actor=None, name="P5 基准工会", code="P5")
    # Each round: a burst on the real endpoint, then one on the floor, each on its own activity with fresh tokens.
    tokens = seed_members(union, 2 * args.rounds * args.requests, prefix="p5")
    capacity = args.requests * 9 // 10  # some losers, so an oversell would show
    rounds = []
    for r in range(args.rounds):
        base = 2 * r * args.requests
        rounds.append({"app": (burst_activity(union, capacity=capacity), tokens[base:base + args.requests]),
                       "floor": (burst_activity(union, capacity=capacity),
                                 tokens[base + args.requests:base + 2 * args.requests])})
    from django.db import connections

    connections.close_all()
    results = []
    # Both servers run side by side (an idle one costs no CPU) and the bursts alternate, so a slow spell of a shared
    # machine falls on both sides of a round rather than on one.
    with Server() as app_server, Server(app="bench.floor:application", settings_module="bench.floor_settings") as floor:
        workers = app_server.workers
        for r, pair in enumerate(rounds):
            activity, app_tokens = pair["app"]
            floor_activity, floor_tokens = pair["floor"]
            if args.client == "wrk":
                statuses, elapsed, p95 = wrk_burst(app_server.url, f"/api/v1/activities/{activity.pk}/signup",
                                                   app_tokens, args.clients)
            else:
                result = fire(app_server, activity.pk, app_tokens, concurrency=args.clients)
                statuses, elapsed, p95 = Counter(result.statuses), result.elapsed, result.p95
            f_statuses, f_elapsed, f_p95 = wrk_burst(floor.url, f"/floor/signup/{floor_activity.pk}", floor_tokens,
                                                     args.clients)
            accepted = Signup.objects.filter(activity=activity, status="accepted").count()
            f_accepted = Signup.objects.filter(activity=floor_activity, status="accepted").count()
            results.append({"statuses": statuses, "elapsed": elapsed, "p95": p95, "accepted": accepted,
                            "f_statuses": f_statuses, "f_elapsed": f_elapsed, "f_p95": f_p95, "f_accepted": f_accepted,
                            "rate": accepted / elapsed, "f_rate": f_accepted / f_elapsed})
            print(f"  round {r + 1}: app {accepted / elapsed:.1f}/s, floor {f_accepted / f_elapsed:.1f}/s, "
                  f"ratio {accepted / elapsed / (f_accepted / f_elapsed):.1%}", flush=True)

    # Baseline: pgbench, same clients, the conditional UPDATE on one hot row.
    subprocess.run(psql + ["-d", DB_NAME, "-c", "CREATE TABLE p5_activity (id int PRIMARY KEY, capacity int, taken int);"
                           "INSERT INTO p5_activity VALUES (1, 2000000000, 0);"], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write("UPDATE p5_activity SET taken = taken + 1 WHERE id = 1 AND taken < capacity;\n")
    out = subprocess.run([f"{pgbin}/pgbench", "-n", "-h", host, "-p", port, "-U", user, "-c", str(args.clients),
                          "-j", str(os.cpu_count() or 1), "-T", str(args.seconds), "-f", f.name, DB_NAME],
                         check=True, capture_output=True, text=True).stdout
    os.unlink(f.name)
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    ratios = sorted(x["rate"] / x["f_rate"] for x in results)
    ratio = statistics.median(ratios)
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; gunicorn workers: {workers} a server; "
          f"clients: {args.clients} ({args.client}); requests: {args.requests} a burst; capacity: {capacity}; "
          f"rounds: {args.rounds}")
    ok = True
    for r, x in enumerate(results):
        five_xx = sum(n for s, n in x["statuses"].items() if s >= 500)
        answers = ", ".join(f"{s}: {n}" for s, n in sorted(x["statuses"].items()))
        f_answers = ", ".join(f"{s}: {n}" for s, n in sorted(x["f_statuses"].items()))
        print(f"round {r + 1} app: {x['accepted']} accepted (capacity {capacity}), answers {{{answers}}}, {five_xx} 5xx, "
              f"{x['elapsed']:.2f} s, p95 {x['p95']:.2f} s → {x['rate']:.1f} accepted sign-ups/s")
        print(f"round {r + 1} floor (same gunicorn, minimal view, same token check + UPDATE + INSERT): "
              f"{x['f_accepted']} accepted, answers {{{f_answers}}}, {x['f_elapsed']:.2f} s, p95 {x['f_p95']:.2f} s → "
              f"{x['f_rate']:.1f} accepted sign-ups/s")
        answered = sum(x["statuses"].values()) == args.requests and all(s in (201, 409) for s in x["statuses"])
        ok = ok and x["accepted"] == capacity and five_xx == 0 and answered and x["f_accepted"] == capacity
    app_rate = statistics.median(x["rate"] for x in results)
    floor_rate = statistics.median(x["f_rate"] for x in results)
    print(f"pgbench conditional UPDATE, {args.clients} clients, {args.seconds} s: {tps:.1f} tps "
          f"(the limit; median app = {app_rate / tps:.1%} of it, median floor = {floor_rate / tps:.1%})")
    print(f"rounds' ratios: {', '.join(f'{x:.1%}' for x in ratios)}")
    print(f"P5 ratio app/floor {ratio:.1%}, the median of {args.rounds} rounds (target ≥ 50%)"
          f"{'' if ok else ' — OVERSELL, 5xx OR UNANSWERED REQUESTS'}")
    return 0 if ok and ratio >= 0.5 else 1


def _have_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0:  # Debian's package, from the configured mirror; nothing else is fetched
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                       stdout=subprocess.DEVNULL, check=False)
    return shutil.which("wrk") is not None


def wrk_burst(url: str, path: str, tokens: list[str], clients: int, threads: int = 1,
              limit: float = 600.0, body: str = "{}") -> tuple[Counter, float, float]:
    """Send one POST per token with wrk; returns (answers by status, seconds until the last answer, p95 s).

    The time runs from starting wrk to the last thread's report (wrk's own duration is only an upper
    bound); a request without an answer (timeout, reset) is missing from the counts.

    One wrk thread by default (it sends ≈ 50,000 requests/s; the bursts need ≈ 1,000/s). With two, a run
    could hang for gunicorn's 120 s timeout: a thread that has sent all its tokens parks its connections,
    but each is already reconnected (gunicorn's sync workers close after every answer), and a sync worker
    that accepts a connection waits for its request. The first thread's parked connections entered the
    accept queue ahead of the other thread's last requests and held all five workers until gunicorn
    killed them (2026-12-01: P6's floor 300 answers in 122.9 s with p95 0.24 s). With one thread every
    token's connection is accepted before any parked one. In production nginx buffers each request
    before it reaches a worker (docs/deploy/nginx-unionhome.conf), so an idle connection never holds one.
    """
    threads = max(1, min(threads, clients))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(tokens) + "\n")
    cmd = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{int(limit)}s", "--timeout", "120s",
           "-s", str(ROOT / "bench" / "p5_signup.lua"), url, "--", path, f.name, str(threads), body]
    statuses: Counter = Counter()
    done = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed, p95 = limit, 0.0
    for line in proc.stdout:
        if line.startswith("p5-thread-done"):
            fields = line.split()
            for part in (fields[1].split(",") if len(fields) > 1 else []):
                status, n = part.split(":")
                statuses[int(status)] += int(n)
            done += 1
            if done == threads:
                elapsed = time.perf_counter() - t0
                proc.send_signal(signal.SIGINT)
        elif line.startswith("p5-latency-p95-us"):
            p95 = int(line.split()[1]) / 1e6
        elif "Socket errors" in line or "requests in" in line:
            print("  wrk:", line.strip(), flush=True)  # a lost request (reset, timeout) shows here
    proc.wait()
    os.unlink(f.name)
    return statuses, elapsed, p95


if __name__ == "__main__":
    sys.exit(main())

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

    DB=pg scripts/bench.sh bench/p5_signup_burst.py [--clients 200] [--requests 1000] [--seconds 10]
                                                    [--client wrk|httpx]

Prints the figures, the ratio app/floor on the last line, exits 1 if it is below 50% (or on an oversell).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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
    both = seed_members(union, 2 * args.requests, prefix="p5")  # the real endpoint's half, then the floor's
    tokens, floor_tokens = both[:args.requests], both[args.requests:]
    capacity = args.requests * 9 // 10  # some losers, so an oversell would show
    activity = burst_activity(union, capacity=capacity)
    floor_activity = burst_activity(union, capacity=capacity)
    from django.db import connections

    connections.close_all()
    with Server() as server:
        workers = server.workers
        if args.client == "wrk":
            statuses, elapsed, p95 = wrk_burst(server.url, f"/api/v1/activities/{activity.pk}/signup", tokens,
                                               args.clients)
        else:
            result = fire(server, activity.pk, tokens, concurrency=args.clients)
            statuses, elapsed, p95 = Counter(result.statuses), result.elapsed, result.p95
    # The framework floor (bench/floor.py): same gunicorn, same workers, same token check, the conditional
    # UPDATE + INSERT as raw SQL, no middleware / ninja / ORM instances / audit / inbox.
    with Server(app="bench.floor:application", settings_module="bench.floor_settings") as server:
        f_statuses, f_elapsed, f_p95 = wrk_burst(server.url, f"/floor/signup/{floor_activity.pk}", floor_tokens,
                                                 args.clients)
    accepted = Signup.objects.filter(activity=activity, status="accepted").count()
    f_accepted = Signup.objects.filter(activity=floor_activity, status="accepted").count()
    five_xx = sum(n for s, n in statuses.items() if s >= 500)
    app_rate = accepted / elapsed
    floor_rate = f_accepted / f_elapsed

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
    ratio = app_rate / floor_rate
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; gunicorn workers: {workers}; "
          f"clients: {args.clients} ({args.client}); requests: {args.requests}; capacity: {capacity}")
    answers = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
    print(f"app: {accepted} accepted (capacity {capacity}), answers {{{answers}}}, {five_xx} 5xx, {elapsed:.2f} s, "
          f"p95 {p95:.2f} s → {app_rate:.1f} accepted sign-ups/s")
    f_answers = ", ".join(f"{s}: {n}" for s, n in sorted(f_statuses.items()))
    print(f"floor (same gunicorn, minimal view, same token check + UPDATE + INSERT): {f_accepted} accepted, answers "
          f"{{{f_answers}}}, {f_elapsed:.2f} s, p95 {f_p95:.2f} s → {floor_rate:.1f} accepted sign-ups/s")
    print(f"pgbench conditional UPDATE, {args.clients} clients, {args.seconds} s: {tps:.1f} tps "
          f"(the limit; app = {app_rate / tps:.1%} of it, floor = {floor_rate / tps:.1%})")
    answered = sum(statuses.values()) == args.requests and all(s in (201, 409) for s in statuses)
    ok = accepted == capacity and five_xx == 0 and answered and f_accepted == capacity
    print(f"P5 ratio app/floor {ratio:.1%} (target ≥ 50%){'' if ok else ' — OVERSELL, 5xx OR UNANSWERED REQUESTS'}")
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

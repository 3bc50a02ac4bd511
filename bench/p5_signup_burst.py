"""P5 (shared/performance.md): a capacity-limited sign-up burst.

Accepted sign-ups per second through the real stack (gunicorn with 2×cores+1 workers, the API with
bearer tokens, PostgreSQL) with C concurrent clients, against pgbench running the equivalent
conditional UPDATE (``taken = taken + 1 WHERE taken < capacity``) with the same client count.
Also checks that exactly ``capacity`` sign-ups were accepted (zero oversell).

    DB=pg scripts/bench.sh bench/p5_signup_burst.py [--clients 200] [--requests 1000] [--seconds 10]

Prints the figures, the ratio on the last line, exits 1 if the ratio is below 50% (or on an oversell).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "unionhome_bench_p5"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10, help="pgbench duration")
    args = parser.parse_args()
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
    tokens = seed_members(union, args.requests, prefix="p5")
    capacity = args.requests * 9 // 10  # some losers, so an oversell would show
    activity = burst_activity(union, capacity=capacity)
    from django.db import connections

    connections.close_all()
    with Server() as server:
        workers = server.workers
        result = fire(server, activity.pk, tokens, concurrency=args.clients)
    accepted = Signup.objects.filter(activity=activity, status="accepted").count()
    five_xx = sum(1 for s in result.statuses if s >= 500)
    app_rate = accepted / result.elapsed

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
    ratio = app_rate / tps
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; gunicorn workers: {workers}; "
          f"clients: {args.clients}; requests: {args.requests}; capacity: {capacity}")
    print(f"app: {accepted} accepted (capacity {capacity}), {five_xx} 5xx, {result.elapsed:.1f} s, "
          f"p95 {result.p95:.2f} s → {app_rate:.1f} accepted sign-ups/s")
    print(f"pgbench conditional UPDATE, {args.clients} clients, {args.seconds} s: {tps:.1f} tps")
    ok = accepted == capacity and five_xx == 0
    print(f"P5 ratio {ratio:.1%} (target ≥ 50%){'' if ok else ' — OVERSELL OR 5xx'}")
    return 0 if ok and ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())

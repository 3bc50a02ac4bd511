"""Shared set-up of the benchmarks: a database of their own, the machine, timing helpers."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.parse import urlparse, urlunparse

BENCH_DB = "unionhome_bench"


def setup_django(*, fresh: bool = True, db: str = BENCH_DB) -> None:
    """Point Django at a database of its own (dropped and migrated again when ``fresh``)."""
    url = os.environ.get("DATABASE_URL", "")
    if "postgres" not in url:
        sys.exit("这个基准需要 PostgreSQL：DB=pg scripts/bench.sh bench/<script>.py")
    parts = urlparse(url)
    import psycopg

    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if fresh and exists:
            conn.execute(f"DROP DATABASE {db} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {db} OWNER {parts.username}")
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{db}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
    total = mem[1].split()[1] if len(mem) > 1 else "?"
    return f"{os.cpu_count()} CPU ({cpu}), {total} RAM, Python {platform.python_version()}"


@contextmanager
def timed(results: dict, key: str):
    started = time.perf_counter()
    yield
    results[key] = results.get(key, 0.0) + time.perf_counter() - started


def say(message: str) -> None:
    print(message, flush=True)

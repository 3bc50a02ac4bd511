"""A sign-up burst against a real server: many members, API tokens in bulk, gunicorn, asyncio + httpx.

Used by the concurrency test (test_signup_race.py) and benchmark P5 (bench/p5_signup_burst.py).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[3]


def seed_members(union, n: int, *, prefix: str = "b") -> list[str]:
    """``n`` active members with logins and API tokens, created in bulk; returns their tokens."""
    from django.contrib.auth import get_user_model

    from unionhome.accounts.models import ApiToken, Profile, RoleAssignment
    from unionhome.core import idcard
    from unionhome.members.models import Membership, Worker
    from unionhome.members.services import worker_fill_derived

    User = get_user_model()
    workers = []
    for i in range(n):
        born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        w = Worker(union=union, name=f"报名{prefix}{i}", gender="MF"[i % 2], birth_date=born,
                   id_number=idcard.make("350102", born, 5000 + i, "MF"[i % 2]))
        worker_fill_derived(w)
        workers.append(w)
    workers = Worker.objects.bulk_create(workers, batch_size=500)
    today = dt.date(2020, 1, 1)
    Membership.objects.bulk_create([Membership(union=union, worker=w, joined_on=today, status_since=today)
                                    for w in workers], batch_size=500)
    users = User.objects.bulk_create([User(username=f"burst_{prefix}_{i}", password="!") for i in range(n)],
                                     batch_size=500)
    Profile.objects.bulk_create([Profile(user=u, worker=w, must_change_password=False)
                                 for u, w in zip(users, workers)], batch_size=500)
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, union=union, role="member") for u in users],
                                       batch_size=500)
    keys = [f"uh_burst_{prefix}_{i}_{os.urandom(8).hex()}" for i in range(n)]
    ApiToken.objects.bulk_create([ApiToken(user=u, name="burst", key_hash=hashlib.sha256(k.encode()).hexdigest(),
                                           prefix=k[:8]) for u, k in zip(users, keys)], batch_size=500)
    return keys


def burst_activity(union, capacity: int, *, waitlist: bool = False):
    from unionhome.activities.services import activity_create

    now = timezone.now()
    return activity_create(actor=None, union=union, kind="sport", title="五一骑行（抢报）", capacity=capacity,
                           waitlist=waitlist, starts_at=now + dt.timedelta(days=3),
                           ends_at=now + dt.timedelta(days=3, hours=4), signup_opens_at=now - dt.timedelta(hours=1),
                           signup_closes_at=now + dt.timedelta(days=2))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the current test database (the rows must be committed)."""

    def __init__(self, *, workers: int | None = None, unsafe: bool = False, app: str | None = None,
                 settings_module: str = "unionhome.settings"):
        """``app``/``settings_module``: another WSGI app on the same server set-up (bench/floor.py)."""
        self.port = _free_port()
        self.app, self.settings_module = app, settings_module
        self.workers = workers or (2 * (os.cpu_count() or 1) + 1)
        self.unsafe = unsafe
        self.proc = None
        self.log = tempfile.TemporaryFile()

    def __enter__(self) -> Server:
        db = connection.settings_dict
        env = dict(os.environ)
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        env["DJANGO_SETTINGS_MODULE"] = self.settings_module
        app = self.app or ("unionhome.activities.tests.unsafe_wsgi:application" if self.unsafe else "unionhome.wsgi")
        env["UNIONHOME_DEBUG"] = "0"
        if self.unsafe:  # the control's meeting point waits for every worker (signup_control.processes_meet)
            env["UNIONHOME_RACE_PARTIES"] = str(self.workers)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", app, "-w", str(self.workers), "-b",
             f"127.0.0.1:{self.port}", "--backlog", "4096", "--preload", "--log-level", "warning", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_ready(self) -> None:
        import httpx

        deadline = time.monotonic() + 180  # a loaded CI machine can take minutes to import the app

        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/accounts/login/", timeout=2, trust_env=False)
                break
            except httpx.HTTPError:
                if self.proc.poll() is not None:
                    self.log.seek(0)
                    raise RuntimeError("gunicorn failed: " + self.log.read().decode()[-2000:])
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start within 180 s")
        # Warm every worker (URL resolver, API schema, DB connection) so the burst measures sign-ups.
        with httpx.Client(trust_env=False, timeout=30) as client:
            for _ in range(self.workers * 3):
                client.get(f"{self.url}/api/v1/activities/stats")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@dataclass
class BurstResult:
    statuses: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    def count(self, status: int) -> int:
        return sum(1 for s in self.statuses if s == status)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(len(ordered) * 0.95) - 1] if ordered else 0.0


async def _fire(url: str, tokens: list[str], concurrency: int, keys: list[str | None] | None) -> BurstResult:
    import httpx

    result = BurstResult()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    queue: asyncio.Queue = asyncio.Queue()
    for i, token in enumerate(tokens):
        queue.put_nowait((token, keys[i] if keys else None))
    start_gate = asyncio.Event()

    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(120.0), trust_env=False) as client:
        async def client_loop():
            await start_gate.wait()
            while True:
                try:
                    token, key = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    response = await client.post(url, json={"idempotency_key": key} if key else {},
                                                 headers={"Authorization": f"Bearer {token}"})
                    status = response.status_code
                    try:
                        body = response.json()
                    except ValueError:
                        body = {}
                except httpx.HTTPError as exc:
                    status, body = 599, {"code": "transport", "message": repr(exc)}
                result.latencies.append(time.perf_counter() - t0)
                result.statuses.append(status)
                result.codes.append(body.get("status") or body.get("code", ""))
                result.messages.append(body.get("message", ""))

        tasks = [asyncio.create_task(client_loop()) for _ in range(concurrency)]
        await asyncio.sleep(0.05)
        t0 = time.perf_counter()
        start_gate.set()
        await asyncio.gather(*tasks)
        result.elapsed = time.perf_counter() - t0
    return result


def fire(server: Server, activity_id: int, tokens: list[str], *, concurrency: int | None = None,
         keys: list[str | None] | None = None) -> BurstResult:
    """POST one sign-up per token, ``concurrency`` at a time (default: all at once)."""
    url = f"{server.url}/api/v1/activities/{activity_id}/signup"
    # A thread of its own: a caller may already run an event loop (Playwright's sync API does).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(_fire(url, tokens, concurrency or len(tokens), keys))).result()

"""Soak: N minutes of mixed traffic of every role against gunicorn on PostgreSQL; counts 5xx and watches memory.

    DB=pg scripts/bench.sh bench/soak.py [--minutes 30] [--clients 8] [--workers 5] [--max-growth 0.10] [--reuse]

The demo union (``manage.py demo_union``) in a database of its own, plus 2,000 members with API tokens. Then
``--clients`` threads send, without pause, a weighted mix of:

- every demo login (member, group leader, committee, women's committee, auditor, accountant, hardship officer,
  chair, admin, federation) reading the pages of their own menu (found on their home page), the chair's dashboard
  most often;
- members signing up through the API (100 activities of 20 places each: most answers are 201 or 409 full);
- the group leader taking attendance through the API (check-in codes of an activity under way) and reading the
  group's sign-ups;
- API reads with tokens (activities, stats, the member list), the login page and ``/healthz`` anonymously.

Every ``--sample`` seconds it records the resident memory (RSS, from /proc) of each gunicorn worker. At the end it
prints the answers by status, the p50/p95 latency, the RSS series, and one verdict line; the exit status is 1 on
any 5xx or transport error, or when the workers' total RSS in the last quarter of the run exceeds the second
quarter's (after warm-up) by more than ``--max-growth``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "unionhome_bench_soak"
SKIP = re.compile(r"export|download|\.docx|\.xlsx|\.pdf|logout|/i18n/|/static/|/media/|/setup/")


def say(message: str) -> None:
    print(message, flush=True)


def prepare(reuse: bool, members: int, activities: int) -> dict:
    """The database: the demo union, members with tokens, activities to sign up for; logins as session cookies."""
    from bench._common import setup_django

    setup_django(fresh=not reuse, db=DB_NAME)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from unionhome.accounts.models import ApiToken, RoleAssignment
    from unionhome.accounts.queries import two_factor_enrolled, two_factor_required
    from unionhome.activities.models import Signup
    from unionhome.activities.services import activity_create, signup_create
    from unionhome.activities.tests.burst import seed_members
    from unionhome.members.models import Worker

    started = time.perf_counter()
    call_command("demo_union", if_empty=True, verbosity=0)
    User = get_user_model()
    chair = User.objects.get(username="zhuxi")
    union = RoleAssignment.objects.filter(user=chair).select_related("union").first().union
    tokens_file = Path(os.environ.get("TMPDIR", "/tmp")) / "unionhome-soak-tokens.txt"
    if reuse and tokens_file.exists():
        tokens = tokens_file.read_text().split()
    else:
        tokens = seed_members(union, members, prefix=f"soak{int(time.time())}")
        tokens_file.write_text("\n".join(tokens))
    now = timezone.now()
    burst = [activity_create(actor=None, union=union, kind="sport", title=f"耐久测试活动{i}", capacity=20,
                             starts_at=now + dt.timedelta(days=3), ends_at=now + dt.timedelta(days=3, hours=4),
                             signup_opens_at=now - dt.timedelta(hours=1), signup_closes_at=now + dt.timedelta(days=2))
             for i in range(activities)]
    # An activity of today (check-in is open on its days, which cover the run); sign-ups made before it starts.
    session = activity_create(actor=None, union=union, kind="sport", title="耐久测试签到活动", capacity=None,
                              starts_at=now + dt.timedelta(minutes=5), ends_at=now + dt.timedelta(hours=12),
                              signup_opens_at=now - dt.timedelta(hours=1), signup_closes_at=now + dt.timedelta(minutes=4))
    for worker in Worker.objects.filter(union=union, name__startswith="报名").order_by("pk")[:300]:
        signup_create(actor=None, activity=session, worker=worker)
    codes = list(Signup.objects.filter(activity=session).values_list("checkin_code", flat=True))

    cookies, api = {}, {}
    for user in User.objects.filter(is_active=True, username__in=["huiyuan", "zuzhang", "weiyuan", "nvgong", "jingshen", "kuaiji",
                                                   "bangfu", "zhuxi", "admin", "zonggonghui"]):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if two_factor_required(user) or two_factor_enrolled(user):  # a member who enrolled needs it too
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
                TOTPDevice.objects.create(user=user, name="soak", confirmed=True)
            s = client.session
            s[DEVICE_ID_SESSION_KEY] = device.persistent_id
            s.save()
        cookies[user.username] = client.cookies["sessionid"].value
        key = f"uh_soak_{user.username}_{os.urandom(8).hex()}"
        ApiToken.objects.create(user=user, name="soak", key_hash=hashlib.sha256(key.encode()).hexdigest(),
                                prefix=key[:8])
        api[user.username] = key
    say(f"准备: {time.perf_counter() - started:.0f}s, {len(tokens)} 名会员令牌, {len(burst)} 个报名活动, "
        f"{len(codes)} 个签到码")
    return {"tokens": tokens, "activities": [a.pk for a in burst], "session": session.pk, "codes": codes,
            "cookies": cookies, "api": api}


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, UNIONHOME_DEBUG="0", DJANGO_SETTINGS_MODULE="unionhome.settings")
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / "unionhome-soak-gunicorn.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "unionhome.wsgi", "-w", str(workers), "-b",
                             f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            httpx.get(f"{url}/healthz", timeout=2, trust_env=False)
            return proc, url
        except httpx.HTTPError:
            if proc.poll() is not None:
                sys.exit("gunicorn 未能启动，见 " + log.name)
            time.sleep(0.2)
    sys.exit("gunicorn 60 秒内未启动")


def worker_rss(master: int) -> dict[int, int]:
    """RSS in KB of each child of the gunicorn master (from /proc)."""
    out = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", text, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+)", text, re.M)
        if ppid and rss and int(ppid.group(1)) == master:
            out[int(status.parent.name)] = int(rss.group(1))
    return out


def menu_pages(url: str, cookie: str) -> list[str]:
    import httpx

    with httpx.Client(trust_env=False, timeout=60, cookies={"sessionid": cookie}) as client:
        home = client.get(f"{url}/")
    pages = sorted({h for h in re.findall(r'href="(/[^"#?]*)"', home.text) if not SKIP.search(h)})
    return ["/"] + [p for p in pages if p != "/"]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.by_action: Counter = Counter()
        self.errors: list[str] = []
        self.latencies: list[float] = []

    def add(self, action: str, status: int, seconds: float, where: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.by_action[(action, status // 100)] += 1
            self.latencies.append(seconds)
            if status >= 500 and len(self.errors) < 50:
                self.errors.append(f"{status} {where}")


def run(url: str, data: dict, minutes: float, clients: int, tally: Tally, stop: threading.Event) -> None:
    import httpx

    pages = {name: menu_pages(url, cookie) for name, cookie in data["cookies"].items()}
    say("各角色菜单页: " + ", ".join(f"{n} {len(p)}" for n, p in sorted(pages.items())))
    tokens = itertools.cycle(random.Random(1).sample(data["tokens"], len(data["tokens"])))
    codes = itertools.cycle(data["codes"] or ["NOCODE"])
    lock = threading.Lock()

    def nxt(it):
        with lock:
            return next(it)

    readers = [n for n in pages if n != "zhuxi"]
    actions = [("chair_dashboard", 8), ("role_page", 30), ("member_signup", 25), ("leader_checkin", 6),
               ("leader_signups", 4), ("api_read", 15), ("anonymous", 4), ("member_pages", 8)]
    names, weights = zip(*actions)

    def client_loop(k: int) -> None:
        rnd = random.Random(k)
        sessions = {n: httpx.Client(trust_env=False, timeout=120, cookies={"sessionid": c})
                    for n, c in data["cookies"].items()}
        bare = httpx.Client(trust_env=False, timeout=120)
        try:
            while not stop.is_set():
                action = rnd.choices(names, weights)[0]
                t0 = time.perf_counter()
                try:
                    if action == "chair_dashboard":
                        where = "/"
                        r = sessions["zhuxi"].get(url + where)
                    elif action in ("role_page", "member_pages"):
                        who = "huiyuan" if action == "member_pages" else rnd.choice(readers + ["zhuxi"])
                        where = rnd.choice(pages[who])
                        r = sessions[who].get(url + where)
                    elif action == "member_signup":
                        where = f"/api/v1/activities/{rnd.choice(data['activities'])}/signup"
                        r = bare.post(url + where, json={}, headers={"Authorization": f"Bearer {nxt(tokens)}"})
                    elif action == "leader_checkin":
                        where = f"/api/v1/activities/{data['session']}/checkin"
                        r = bare.post(url + where, json={"code": nxt(codes)},
                                      headers={"Authorization": f"Bearer {data['api']['zuzhang']}"})
                    elif action == "leader_signups":
                        where = f"/api/v1/activities/{data['session']}/signups"
                        r = bare.get(url + where, headers={"Authorization": f"Bearer {data['api']['zuzhang']}"})
                    elif action == "api_read":
                        who, where = rnd.choice([("huiyuan", "/api/v1/activities"),
                                                 ("huiyuan", "/api/v1/activities/stats"),
                                                 ("zhuxi", "/api/v1/members/workers?limit=20"),
                                                 ("huiyuan", "/api/v1/activities/me/signups")])
                        r = bare.get(url + where, headers={"Authorization": f"Bearer {data['api'][who]}"})
                    else:
                        where = rnd.choice(["/accounts/login/", "/healthz"])
                        r = bare.get(url + where)
                    status = r.status_code
                except httpx.HTTPError as exc:
                    status, where = 599, f"{where} {exc!r}"
                tally.add(action, status, time.perf_counter() - t0, where)
        finally:
            for c in sessions.values():
                c.close()
            bare.close()

    threads = [threading.Thread(target=client_loop, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    stop.wait(minutes * 60)
    stop.set()
    for t in threads:
        t.join(150)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--sample", type=float, default=30)
    parser.add_argument("--max-growth", type=float, default=0.10)
    parser.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    args = parser.parse_args()
    data = prepare(args.reuse, args.members, args.activities)
    from django.db import connections

    connections.close_all()
    proc, url = start_server(args.workers)
    tally, stop = Tally(), threading.Event()
    samples: list[tuple[float, int, int]] = []  # (minute, total RSS KB, workers)

    def sampler():
        t0 = time.monotonic()
        while not stop.is_set():
            rss = worker_rss(proc.pid)
            samples.append(((time.monotonic() - t0) / 60, sum(rss.values()), len(rss)))
            with tally.lock:
                done, bad = sum(tally.statuses.values()), sum(n for s, n in tally.statuses.items() if s >= 500)
            say(f"  {samples[-1][0]:5.1f} min  请求 {done:7d}  5xx {bad}  workers {len(rss)}  "
                f"RSS {samples[-1][1] / 1024:7.1f} MB")
            stop.wait(args.sample)

    watcher = threading.Thread(target=sampler, daemon=True)
    started = time.perf_counter()
    try:
        watcher.start()
        run(url, data, args.minutes, args.clients, tally, stop)
    finally:
        stop.set()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    elapsed = time.perf_counter() - started
    total = sum(tally.statuses.values())
    bad = sum(n for s, n in tally.statuses.items() if s >= 500)
    lat = sorted(tally.latencies) or [0.0]
    say(f"\n共 {total} 个请求, {elapsed / 60:.1f} 分钟, {total / elapsed:.1f} 请求/秒; 状态: "
        + ", ".join(f"{s}×{n}" for s, n in sorted(tally.statuses.items())))
    say("按动作: " + ", ".join(f"{a} {c}xx×{n}" for (a, c), n in sorted(tally.by_action.items())))
    say(f"延迟 p50 {statistics.median(lat) * 1000:.0f} ms, p95 {lat[int(len(lat) * 0.95) - 1] * 1000:.0f} ms")
    for line in tally.errors[:20]:
        say("  5xx: " + line)
    quarter = max(1, len(samples) // 4)
    early = statistics.median(s[1] for s in samples[quarter:2 * quarter]) if len(samples) >= 4 else 0
    late = statistics.median(s[1] for s in samples[-quarter:]) if len(samples) >= 4 else 0
    growth = (late - early) / early if early else 0.0
    ok = bad == 0 and growth <= args.max_growth and len(samples) >= 4
    say(f"SOAK {'PASS' if ok else 'FAIL'}: {elapsed / 60:.1f} min, {total} requests, 5xx/transport {bad}, "
        f"workers' RSS {early / 1024:.0f} MB (2nd quarter) → {late / 1024:.0f} MB (last quarter) = "
        f"{growth:+.1%} (limit {args.max_growth:+.0%})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

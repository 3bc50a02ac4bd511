"""In-process counterpart of P5 and P6 (issue 14 §5): CPU per request of the real endpoints against the floor.

    DB=pg UNIONHOME_PG_PORT=55631 scripts/bench.sh bench/p5_inprocess.py [-n 300] [--profile 200] [--fresh]

Seeds (in its own database, ``unionhome_bench_inproc``; a new union on each run) members with API tokens, two
activities with room for everybody and an open online election, then calls WSGI applications directly, one request
at a time, no HTTP server, no client process:
- the real application (``unionhome.wsgi``: production settings, the whole middleware, django-ninja) with
  ``POST /api/v1/activities/{id}/signup`` and ``POST /api/v1/elections/{id}/vote``;
- the framework floor (``bench.floor``, settings ``bench.floor_settings``) in a subprocess, since its settings
  differ, with ``POST /floor/signup/{id}`` and ``POST /floor/ballot/{id}``.
Each side first warms up (20 requests), then sends ``-n`` requests, each with a fresh token; it reports the CPU
(``time.process_time``: this process only, not PostgreSQL's) and the wall time per request, and the ratio real /
floor. ``--profile`` more requests of the real paths run under cProfile (top 40 by cumulative and by own time);
``--profile-path ballot`` (or ``signup``) profiles only that path; with ``P5_PROFILE_DUMP=/tmp/p`` set, each profile is
also saved (``/tmp/p.signup``, ``/tmp/p.vote``) for ``pstats``.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DB_NAME = "unionhome_bench_inproc"
WARM = 20


def _environ(path: str, token: str, body: bytes) -> dict:
    return {"REQUEST_METHOD": "POST", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
            "HTTP_AUTHORIZATION": f"Bearer {token}", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http", "wsgi.version": (1, 0), "wsgi.multithread": False,
            "wsgi.multiprocess": True, "wsgi.run_once": False}


def _call(app, path: str, token: str, body: bytes) -> int:
    status = []
    result = app(_environ(path, token, body), lambda s, h, exc_info=None: status.append(int(s[:3])))
    b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return status[0]


def run_side(app, path: str, tokens: list[str], body: bytes, profile: int = 0) -> dict:
    """Warm up, then time len(tokens) - WARM - profile requests; profile the last ``profile`` ones."""
    from collections import Counter

    statuses = Counter()
    for t in tokens[:WARM]:
        statuses[_call(app, path, t, body)] += 1
    timed = tokens[WARM:len(tokens) - profile]
    c0, w0 = time.process_time(), time.perf_counter()
    for t in timed:
        statuses[_call(app, path, t, body)] += 1
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    out = {"n": len(timed), "cpu_ms": 1000 * cpu / len(timed), "wall_ms": 1000 * wall / len(timed),
           "statuses": {int(k): v for k, v in statuses.items()}}
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile(time.process_time)  # CPU, not the wait on PostgreSQL
        prof.enable()
        for t in tokens[len(tokens) - profile:]:
            statuses[_call(app, path, t, body)] += 1
        prof.disable()
        if os.environ.get("P5_PROFILE_DUMP"):  # for pstats/snakeviz: <dump>.<path's last segment>
            prof.dump_stats(f"{os.environ['P5_PROFILE_DUMP']}.{path.rstrip('/').rsplit('/', 1)[-1]}")
        text = io.StringIO()
        stats = pstats.Stats(prof, stream=text)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(40)
        out["profile"] = text.getvalue()
        out["statuses"] = {int(k): v for k, v in statuses.items()}
    return out


def seed(n: int) -> dict:
    """Two activities and an election of a new union; 2 × n members with tokens (the real side's, the floor's)."""
    import datetime as dt

    from django.utils import timezone

    from unionhome.activities.tests.burst import burst_activity, seed_members
    from unionhome.committees.models import Committee
    from unionhome.core.models import RuleSetting
    from unionhome.elections import services
    from unionhome.elections.models import Election
    from unionhome.members.models import Worker
    from unionhome.org.services import union_create

    code = "IP" + os.urandom(3).hex().upper()
    union = union_create(actor=None, name=f"进程内基准工会{code}", code=code)
    if not RuleSetting.objects.filter(key="committees.seat_ranges", source="bench").exists():
        RuleSetting.objects.create(key="committees.seat_ranges", value=[[None, 1, 45]], source="bench",
                                   effective_from=dt.date(2000, 1, 1))
    tokens = seed_members(union, 4 * n, prefix=code.lower())
    activity, floor_activity = burst_activity(union, capacity=10 * n), burst_activity(union, capacity=10 * n)
    election = services.election_create(actor=None, union=union, kind=Election.Kind.GENERAL,
                                        committee_kind=Committee.Kind.UNION, mode=Election.Mode.ONLINE, seats=3,
                                        held_on=timezone.localdate(), term_years=5, body=Election.Body.MEMBERS)
    for w in Worker.objects.filter(union=union).order_by("pk")[:4]:
        services.candidate_nominate(actor=None, election=election, worker=w, confirmed=True)
    now = timezone.now()
    services.election_open(actor=None, election=election, opens_at=now - dt.timedelta(minutes=1),
                           closes_at=now + dt.timedelta(hours=3), present=4 * n)
    ids = [c.pk for c in election.candidates.filter(write_in=False).order_by("pk")]
    vote = {"marks": [{"candidate_id": ids[0], "mark": "F"}, {"candidate_id": ids[1], "mark": "A"}]}
    return {"activity": activity.pk, "floor_activity": floor_activity.pk, "election": election.pk, "vote": vote,
            "signup_tokens": tokens[:n], "floor_signup_tokens": tokens[n:2 * n],
            "vote_tokens": tokens[2 * n:3 * n], "floor_vote_tokens": tokens[3 * n:]}


def floor_part(data_file: str) -> None:
    """The subprocess: the floor's WSGI application under the floor's settings."""
    data = json.load(open(data_file, encoding="utf-8"))
    from bench.floor import application

    out = {"signup": run_side(application, f"/floor/signup/{data['floor_activity']}", data["floor_signup_tokens"],
                              b""),
           "ballot": run_side(application, f"/floor/ballot/{data['election']}", data["floor_vote_tokens"], b"")}
    print(json.dumps(out))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=300, help="timed requests a side and path")
    parser.add_argument("--profile", type=int, default=200, help="requests of the real path under cProfile (0: none)")
    parser.add_argument("--profile-path", choices=("both", "signup", "ballot"), default="both",
                        help="which real path runs under cProfile (default both)")
    parser.add_argument("--fresh", action="store_true", help="drop and migrate the database first")
    parser.add_argument("--floor-part", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["UNIONHOME_DEBUG"] = "0"
    if args.floor_part:
        floor_part(args.floor_part)
        return 0
    from bench._common import setup_django

    setup_django(fresh=args.fresh, db=DB_NAME)
    total = WARM + args.n + args.profile
    data = seed(total)
    from django.db import connections

    connections.close_all()
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(data, f)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.floor_settings")
    floor_run = subprocess.Popen([sys.executable, __file__, "--floor-part", f.name], env=env, stdout=subprocess.PIPE,
                                 text=True)
    floor_out, _ = floor_run.communicate()  # one side at a time: the two must not compete for the cores
    os.unlink(f.name)
    floor = json.loads(floor_out.strip().splitlines()[-1])
    for side in floor.values():
        side["statuses"] = {int(k): v for k, v in side["statuses"].items()}
    from unionhome.wsgi import application

    profiled = {name: args.profile if args.profile_path in ("both", name) else 0 for name in ("signup", "ballot")}
    real = {"signup": run_side(application, f"/api/v1/activities/{data['activity']}/signup", data["signup_tokens"],
                               b"{}", profiled["signup"]),
            "ballot": run_side(application, f"/api/v1/elections/{data['election']}/vote", data["vote_tokens"],
                               json.dumps(data["vote"]).encode(), profiled["ballot"])}
    for name in ("signup", "ballot"):
        if "profile" in real[name]:
            print(f"===== cProfile of {profiled[name]} real {name} requests =====")
            print(real[name]["profile"])
    print(f"load average {os.getloadavg()[0]:.1f}; {args.n} timed requests a side after {WARM} to warm up")
    ok = True
    for name, label in (("signup", "P5 sign-up"), ("ballot", "P6 ballot")):
        r, fl = real[name], floor[name]
        ok = ok and set(r["statuses"]) == {201} and set(fl["statuses"]) == {201}
        print(f"{label}: real {r['cpu_ms']:.2f} ms CPU ({r['wall_ms']:.2f} ms wall) per request {r['statuses']}; "
              f"floor {fl['cpu_ms']:.2f} ms CPU ({fl['wall_ms']:.2f} ms wall) {fl['statuses']}; "
              f"real/floor CPU {r['cpu_ms'] / fl['cpu_ms']:.2f}×, floor/real {fl['cpu_ms'] / r['cpu_ms']:.0%}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

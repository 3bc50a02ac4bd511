"""Faults survived, on PostgreSQL (docs/reliability.md tests 19–21): the database connection killed in the middle
of a roster import leaves nothing imported and the import runs again; the database taken away during a sign-up
burst against gunicorn: every answer is a result or a 503 in Chinese, never a traceback, no place oversold, and
the servers recover by themselves when it returns; a backup killed in the middle leaves the previous archive as it
was and no archive under a final name.

"The database away" is done to this test's database only (``ALLOW_CONNECTIONS false`` and every other session
terminated with ``pg_terminate_backend``), so a parallel test worker on the same cluster is not disturbed.
The import has 100,000 rows, the size issue 14 names (the import itself takes 15–70 s here, see docs/benchmarks.md
P1): the kill comes while the workers are being written, after the file has been read and checked whole.
"""
import concurrent.futures
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import psycopg
import pytest
from django.db import OperationalError, connection, connections

from unionhome.activities.models import Activity, Signup
from unionhome.activities.tests.burst import ROOT, Server, burst_activity, fire, seed_members
from unionhome.core.models import AuditEntry
from unionhome.members.models import Membership, MembershipEvent, Worker
from unionhome.org.services import union_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.long]
IMPORT_ROWS = 100_000
UNAVAILABLE = "数据库暂时无法连接"


def _counts():
    return (Worker.objects.count(), Membership.objects.count(), MembershipEvent.objects.count(),
            AuditEntry.objects.count())


def _admin():
    """A connection to the cluster's ``postgres`` database: it outlives what is done to the test's database."""
    db = connection.settings_dict
    return psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres", autocommit=True)


def _my_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _terminate_others(spare: list[int], admin=None) -> int:
    """End every session on the test's database except ``spare`` (this test's own connection)."""
    sql = ("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> ALL(%s)")
    if admin is not None:
        return admin.execute(sql, [connection.settings_dict["NAME"], spare]).fetchone()[0]
    with _admin() as own:
        return own.execute(sql, [connection.settings_dict["NAME"], spare]).fetchone()[0]


def _allow_connections(allowed: bool) -> None:
    name = connection.settings_dict["NAME"]
    with _admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')


@pytest.fixture
def restores_the_database():
    yield
    _allow_connections(True)


def test_an_import_whose_connection_is_killed_leaves_nothing_and_runs_again(tmp_path):
    from bench.p1_roster_import import generate, make_union
    from unionhome.members.importing import roster_import

    union = make_union("FLT")
    roster = tmp_path / "roster.xlsx"
    generate(roster, IMPORT_ROWS)
    before = _counts()
    writing, killed = threading.Event(), threading.Event()
    outcome = {}

    def progress(table, done):
        if table == "workers" and done and not writing.is_set():
            writing.set()
            killed.wait(30)  # the kill lands while this transaction has rows written

    def run():
        try:
            roster_import(actor=None, union=union, path=roster, progress=progress)
            outcome["error"] = None
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    assert writing.wait(600), "the import never started writing"
    assert _terminate_others([_my_pid()]) >= 1
    killed.set()
    worker.join(600)
    # Django's error, or psycopg's own from the COPY (core.views answers both with 503)
    assert isinstance(outcome["error"], (OperationalError, psycopg.OperationalError)), outcome
    assert _counts() == before  # nothing partial: no worker, membership, event or audit row of the import

    report = roster_import(actor=None, union=union, path=roster)  # the database is back: the same file goes in
    assert report.created == IMPORT_ROWS
    assert Worker.objects.filter(union=union).count() == IMPORT_ROWS


def _signups(activity):
    accepted = Signup.objects.filter(activity=activity, status="accepted")
    return accepted.count(), accepted.values("worker_id").distinct().count(), \
        Activity.objects.get(pk=activity.pk).accepted_count


def test_a_signup_burst_survives_the_database_going_away_and_coming_back(restores_the_database):
    capacity = 30
    union = union_create(actor=None, name="故障测试工会", code="FLT2")
    tokens = seed_members(union, 3 * capacity)
    activity = burst_activity(union, capacity=capacity)
    with Server(workers=2) as server:
        # 1. Connections killed again and again in the middle of a burst.
        stop = threading.Event()
        mine = [_my_pid()]

        def killer():
            with _admin() as admin:
                while not stop.is_set():
                    _terminate_others(mine, admin)
                    time.sleep(0.05)

        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            kills = pool.submit(killer)
            first = fire(server, activity.pk, tokens[:capacity], concurrency=8)
            stop.set()
            kills.result()
        assert set(first.statuses) <= {201, 503}, Counter(first.statuses)
        assert all(m.startswith(UNAVAILABLE) for s, m in zip(first.statuses, first.messages) if s == 503)
        taken, distinct, counter = _signups(activity)
        assert taken == distinct == counter == first.count(201)  # a killed sign-up left nothing half done

        # 2. The database away: pages, the API and the health check answer 503 in Chinese, nothing changes.
        _allow_connections(False)
        _terminate_others(mine)
        away = fire(server, activity.pk, tokens[capacity:2 * capacity], concurrency=8)
        assert set(away.statuses) == {503} and set(away.codes) == {"database_unavailable"}
        assert all(m.startswith(UNAVAILABLE) for m in away.messages)
        with httpx.Client(trust_env=False, timeout=30) as client:
            page = client.get(f"{server.url}/accounts/login/")
            assert page.status_code == 503 and UNAVAILABLE in page.text and "Traceback" not in page.text
            assert client.get(f"{server.url}/healthz").status_code == 503
        assert _signups(activity)[0] == taken

        # 3. Back: the same servers recover by themselves; every member tries (again); no place is oversold.
        _allow_connections(True)
        with httpx.Client(trust_env=False, timeout=30) as client:
            assert client.get(f"{server.url}/healthz").status_code == 200
        again = fire(server, activity.pk, tokens, concurrency=8)
    assert [s for s in again.statuses if s >= 500] == []
    assert again.count(201) == capacity - taken
    assert set(again.messages) - {""} <= {"名额已满", "已报名"}
    assert _signups(activity) == (capacity, capacity, capacity)


def test_a_backup_killed_in_the_middle_leaves_the_previous_one_and_no_half_archive(tmp_path, settings):
    from unionhome.backups import services

    media = tmp_path / "media"
    (media / "big").mkdir(parents=True)
    for i in range(6):  # enough to be caught writing
        (media / "big" / f"scan{i}.pdf").write_bytes(b"%PDF-" + os.urandom(8 * 1024 * 1024))
    backups = tmp_path / "backups"
    settings.MEDIA_ROOT = media
    union_create(actor=None, name="备份故障测试工会", code="FLT3")
    first = services.backup_create(directory=backups).path
    first_bytes = first.read_bytes()

    db = connection.settings_dict
    env = dict(os.environ, DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
               UNIONHOME_MEDIA_ROOT=str(media), DJANGO_SETTINGS_MODULE="unionhome.settings")
    proc = subprocess.Popen([sys.executable, "manage.py", "backup", "--dir", str(backups)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300  # a loaded machine takes long to start Django and dump the database
    writing = False
    while not writing and time.monotonic() < deadline and proc.poll() is None:
        parts = list(backups.glob("*.part"))
        writing = bool(parts) and parts[0].stat().st_size > 4 * 1024 * 1024
        time.sleep(0.02)
    assert proc.poll() is None, "the backup finished before it could be killed: " + proc.stderr.read().decode()
    assert writing, "the backup never started writing its archive"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert services.backup_list(backups) == [first] and first.read_bytes() == first_bytes
    leftovers = [p.name for p in backups.iterdir() if p.name.endswith(".part") or p.name.startswith(".work-")]
    assert leftovers  # a killed process cannot clean up: the next backup does

    second = services.backup_create(directory=backups).path
    assert services.backup_list(backups) == [second, first] and first.read_bytes() == first_bytes
    assert not [p for p in backups.iterdir() if p.name.endswith(".part") or p.name.startswith(".work-")]
    assert Path(second).stat().st_size > 40 * 1024 * 1024

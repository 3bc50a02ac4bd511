"""The test cast: one grassroots union with a person in every role, a federation above it,
and an officer of another union. Everything is set up through the real services."""
from __future__ import annotations

import copy
import datetime as dt
import os
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import TransactionTestCase, override_settings
from hypothesis import settings as hypothesis_settings

from unionhome.core.audit_maintenance import audit_maintenance
from unionhome.core.testing.module_data import module_transaction
from unionhome.core.testing.reference_data import reference_data_restore

# Property-based tests check correctness, never speed: no per-example deadline (CI machines are loaded and
# noisy), and no example database written into the checkout.
hypothesis_settings.register_profile("unionhome", deadline=None, database=None)
hypothesis_settings.load_profile("unionhome")

# s3_server / s3_storage: the file-handling tests against an S3 bucket (moto in server mode).
pytest_plugins = ["unionhome.core.testing.s3"]

ROLES = ["member", "group_leader", "committee", "women_committee", "auditor", "finance", "hardship_officer",
         "chair", "federation", "admin", "outsider"]
PASSWORD = "Test-pass-2026"

# Test databases are flushed between transactional tests (transactional_db, live_server); the audit table refuses
# DELETE outside a maintenance window, so open one around the flush. The flush also empties the reference data the
# data migrations shipped (the chart of accounts, the welfare policies), which the application never reloads:
# load it again, as the migrations did, for the tests that follow.
_original_teardown = TransactionTestCase._fixture_teardown


def _teardown_with_audit_maintenance(self):
    if connection.vendor == "sqlite":  # PostgreSQL flushes with TRUNCATE, which row triggers do not see
        with audit_maintenance():
            _original_teardown(self)
    else:
        _original_teardown(self)
    reference_data_restore()


TransactionTestCase._fixture_teardown = _teardown_with_audit_maintenance


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


# Modules whose tests share data built once for the module (``core/testing/module_data.py``): each runs whole in
# one worker, so the data is built once a run.
ONE_WORKER_MODULES = {"unionhome/demo/tests/test_demo_year.py"}


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's load scheduling (a test at a time to whichever worker is free), but a module of
    ``ONE_WORKER_MODULES`` goes to one worker as one unit, sent first. xdist's own ``--dist loadgroup`` would do
    this, but it marks the group in the test's node id, which pytest 9 no longer lets a plugin change."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleDataScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    return ModuleDataScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    # Tests that take minutes go first (``long``), so the two workers share them and short ones fill the end.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
    on_pg = "postgres" in os.environ.get("DATABASE_URL", "")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (row locks / concurrency): run with DB=pg ./test")
    # A browser test that times out waiting for the page (a loaded two-core CI machine starving Chromium) gets
    # one more try; any other failure, and a second timeout, fails the run. Retries show as R in the report.
    browser_retry = pytest.mark.flaky(reruns=1, only_rerun=["TimeoutError"])
    for item in items:
        if "postgres" in item.keywords and not on_pg:
            item.add_marker(skip_pg)
        if "browser" in item.keywords:
            item.add_marker(browser_retry)


@dataclass
class Cast:
    union: object
    federation: object
    other_union: object
    units: list
    groups: list
    workers: dict = field(default_factory=dict)  # by role name, plus "other_worker", "group1_worker", "group2_worker"
    users: dict = field(default_factory=dict)  # by role name (see ROLES)

    def user(self, role: str):
        return self.users[role]


def _make_worker(union, name, gender, born, seq, unit, group, *, join=True):
    from unionhome.core import idcard
    from unionhome.members.services import worker_create

    return worker_create(actor=None, union=union, name=name, gender=gender, birth_date=born,
                         id_number=idcard.make("110101", born, seq, gender), mobile=f"1380000{seq:04d}",
                         unit=unit, group=group, join_on=dt.date(2015, 1, 1) if join else None,
                         card_number=f"C{union.code}{seq:04d}" if join else "")


def build_cast() -> Cast:
    from unionhome.accounts.services import account_create
    from unionhome.committees.services import group_leader_set
    from unionhome.core.models import Union
    from unionhome.org.services import group_create, union_create, unit_create

    federation = union_create(actor=None, name="测试县总工会", code="T-FED", kind=Union.Kind.FEDERATION, province="福建")
    union = union_create(actor=None, name="测试机关工会", code="T", parent=federation)
    other = union_create(actor=None, name="另一工会", code="O", parent=federation)
    units = [unit_create(actor=None, union=union, name=n) for n in ("办公室", "财政局")]
    groups = [group_create(actor=None, union=union, name=f"第{i + 1}小组", unit=u) for i, u in enumerate(units)]
    people = [
        ("member", "张三", "M", 1985, 0), ("group_leader", "李四", "M", 1980, 0), ("committee", "王五", "M", 1978, 1),
        ("women_committee", "赵六", "F", 1983, 1), ("auditor", "钱七", "M", 1975, 1), ("finance", "孙八", "F", 1990, 1),
        ("hardship_officer", "周九", "F", 1988, 1), ("chair", "吴十", "F", 1972, 0), ("admin", "郑一", "M", 1991, 1),
        ("group1_worker", "冯二", "F", 1995, 0), ("group2_worker", "陈三", "M", 1993, 1),
    ]
    cast = Cast(union=union, federation=federation, other_union=other, units=units, groups=groups)
    for seq, (role, name, gender, year, g) in enumerate(people, start=1):
        cast.workers[role] = _make_worker(union, name, gender, dt.date(year, 3, seq), seq, units[g], groups[g])
    group_leader_set(actor=None, group=groups[0], leader=cast.workers["group_leader"])
    other_unit = unit_create(actor=None, union=other, name="教育局")
    other_group = group_create(actor=None, union=other, name="甲组", unit=other_unit)
    cast.workers["other_worker"] = _make_worker(other, "褚四", "M", dt.date(1980, 5, 5), 90, other_unit, other_group)
    cast.workers["outsider"] = _make_worker(other, "卫五", "F", dt.date(1981, 6, 6), 91, other_unit, other_group)
    for role in ROLES:
        if role == "federation":
            cast.users[role] = account_create(actor=None, username="t_federation", password=PASSWORD,
                                              union=federation, roles=["federation"], must_change_password=False)
        elif role == "outsider":
            cast.users[role] = account_create(actor=None, username="t_outsider", password=PASSWORD, union=other,
                                              roles=["chair", "member"], worker=cast.workers["outsider"],
                                              must_change_password=False)
        else:
            roles = [role] if role == "admin" else sorted({role, "member"})
            cast.users[role] = account_create(actor=None, username=f"t_{role}", password=PASSWORD, union=union,
                                              roles=roles, worker=cast.workers[role],
                                              group=groups[0] if role == "group_leader" else None,
                                              must_change_password=False)
    return cast


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


@pytest.fixture(scope="module")
def module_cast(django_db_setup, django_db_blocker) -> Cast:
    """The cast built once for a module (and worker), in a transaction rolled back at the module's end
    (``unionhome/core/testing/module_data.py``)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            built = build_cast()
        yield built


@pytest.fixture
def shared_cast(module_cast, db) -> Cast:
    """``cast`` for a module of many short tests that each change nothing outside their own savepoint (the
    permission matrix's 2,400 route tests, which built the cast anew each time: a fifth of the suite's time). Each
    test gets its own copy of the Python objects, as ``TestCase.setUpTestData`` gives them."""
    return copy.deepcopy(module_cast)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as that user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            two_factor_session(client, user)
        return client

    return login


# --- Two factors: officers log in with password and authenticator (accounts/two_factor.py) -------------
def two_factor_device(user):
    """A confirmed authenticator for ``user``, made directly: plumbing for tests about something else
    (the 2FA tests enrol through the real pages and services)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code ``device``'s authenticator app shows now (or ``steps_ahead`` time steps later)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def two_factor_session(client, user) -> None:
    """For an officer, what the real second step leaves in the session: django-otp's device id. Tests that
    log in with ``force_login`` then see a session as the login page would have made it."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from unionhome.accounts.queries import two_factor_required

    if not two_factor_required(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = two_factor_device(user).persistent_id
    session.save()


def sign_in(client, username: str, ip: str = "127.0.0.1", password: str = PASSWORD):
    """Through the login pages: the password, then for an officer the authenticator's code (an officer
    without an authenticator is given one first). Returns the last step's response."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from unionhome.accounts.queries import two_factor_required

    user = get_user_model().objects.filter(username=username).first()
    if user is not None and two_factor_required(user):
        two_factor_device(user)
    response = client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)
    if response.status_code == 302 and response.url == reverse("accounts:login_verify"):
        device = two_factor_device(user)
        type(device).objects.filter(pk=device.pk).update(last_t=-1)  # a new login, not a replay of the last
        device.refresh_from_db()
        response = client.post(response.url, {"code": totp_code(device)}, REMOTE_ADDR=ip)
    return response


# --- Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) -------------
CHROMIUM = os.environ.get("UNIONHOME_CHROMIUM", "/usr/bin/chromium")


LIVE_HOST = "localhost"  # pytest-django's live server


def foreign_request(url: str, base_url: str) -> bool:
    """Whether the browser asked something of another host than the live server (``data:`` and ``blob:`` are the
    page's own; the PDF viewer loads ``chrome:`` and ``chrome-extension:`` parts)."""
    return not url.startswith((base_url, "data:", "blob:", "chrome:", "chrome-extension:"))


@pytest.fixture(scope="session")
def _playwright_browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: ./test installs Debian's chromium package")
    # Playwright's sync API runs an event loop; Django's ORM in the live server thread is unaffected,
    # but the test thread's own ORM calls need this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  # no name but the live server's resolves: nothing the pages ask of another host leaves the
                  # machine (the tests record such requests and fail on them: ``page.foreign``, the phone walk)
                  f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {LIVE_HOST}"])
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser, live_server):
    """A fresh phone-sized page; every request to another host is recorded in ``page.foreign`` (and answered by
    nobody: the browser resolves no other name). Recorded, not intercepted: intercepting every request would turn
    off the browser's cache, and each page would fetch its styles and scripts again, as no phone does."""
    context = _playwright_browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                              base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.foreign = []
    context.on("request", lambda request: page.foreign.append(request.url)
               if foreign_request(request.url, live_server.url) else None)

    def htmx_settled():
        """Wait until no htmx request, swap or settle is under way: a locator resolved before a swap
        finishes may point at an element the swap is about to replace."""
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")

    page.htmx_settled = htmx_settled

    def pick_person(field: str, name: str, within: str = ""):
        """Search the person picker (members.picker) of ``field`` for ``name`` and tick them."""
        scope = f"{within} " if within else ""
        page.wait_for_load_state("load")  # htmx listens from DOMContentLoaded: typing earlier asks nothing
        page.fill(f"{scope}input[name='{field}__q']", name)
        page.locator(f"{scope}#{field}_results label", has_text=name).first.click()

    page.pick_person = pick_person
    yield page
    context.close()


@pytest.fixture
def login_as(browser_page):
    def login(username: str, password: str = PASSWORD):
        """Log in through the login page; an officer then types the authenticator's code, as on their phone
        (an officer without one is given one first: enrolling is tested in accounts/tests/test_two_factor*)."""
        from django.contrib.auth import get_user_model

        from unionhome.accounts.queries import two_factor_required

        user = get_user_model().objects.filter(username=username).first()
        device = two_factor_device(user) if user is not None and two_factor_required(user) else None
        page = browser_page
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        if device is not None and "/accounts/login/verify/" in page.url:
            # The authenticator refuses a time step it has already accepted (no replay); a test that logs
            # the same officer in twice within 30 seconds is not a replay, so forget the last one.
            type(device).objects.filter(pk=device.pk).update(last_t=-1)
            device.refresh_from_db()
            page.fill("#id_code", totp_code(device))
            page.click("#code-form button[type=submit]")
            page.wait_for_load_state("networkidle")
        return page

    return login

"""Every page of every role works on a phone (390 px wide), walked as the outside testers walk it: nothing scrolls
sideways but a table inside its own scrolling box; no broken image, photo, thumbnail or chart; no JavaScript or console
error; nothing asked of another host; no link that leads the role to an error page (404, 5xx, or a 403: a link the
role may not follow, a page or a file, should not be shown); no form or button whose POST the permission matrix
refuses the role. One browser, one page per role, every GET route of the permission matrix that answers 200, and
the demo union's year for four of its logins (with its photos)."""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from conftest import foreign_request
from unionhome.core.errors import DomainError
from unionhome.core.testing.matrix import ROLES
from unionhome.core.tests.test_permission_matrix import ROUTES

# A page's width does not depend on the database: measured once, on SQLite (it takes minutes).
pytestmark = [pytest.mark.long,
              pytest.mark.skipif("postgres" in os.environ.get("DATABASE_URL", ""),
                                 reason="page widths do not depend on the database: measured on SQLite")]

PAGES = [r for r in ROUTES if r.method == "get" and not r.is_api()]
PASSWORD = "Test-pass-2026"

OVERFLOW = """() => {
  const root = document.documentElement, found = [];
  if (root.scrollWidth > root.clientWidth) {
    // the widest element that sticks out, to say what to fix
    let worst = null, right = root.clientWidth;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > right + 1) { right = r.right; worst = el; }
    }
    const name = worst ? worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '') +
      (typeof worst.className === 'string' && worst.className.trim() ? '.' + worst.className.trim().split(/\\s+/).join('.') : '') : '?';
    found.push(root.scrollWidth + 'px wide (' + name + ')');
  }
  // a tab or pill cut off by its own bar (a bar that scrolls sideways hides its last items on a phone)
  for (const link of document.querySelectorAll('.nav .nav-link')) {
    const r = link.getBoundingClientRect(), bar = link.closest('.nav').getBoundingClientRect();
    if (r.width > 0 && (r.right > bar.right + 1 || r.left < bar.left - 1)) found.push('tab cut off: ' + link.textContent.trim());
  }
  return found.length ? found.join('; ') : null;
}"""


def _urls(cast) -> dict[str, str]:
    """Each page's URL with its route's own data; a route whose data clashes with an earlier route's (one file
    per household, say) reuses nothing and is left out, listed in the failure message if it matters."""
    urls = {}
    for route in PAGES:
        try:
            urls[route.name] = reverse(route.name, kwargs=route.kwargs(cast) if route.kwargs else None)
        except DomainError:
            continue
    return urls


def _log_in(page, username: str, password: str) -> None:
    """Through the login pages, as on the phone: the password, then for an officer the authenticator's code
    (an officer who is not logged in sees only the login page, and every page of theirs would pass)."""
    from django.contrib.auth import get_user_model

    from conftest import totp_code, two_factor_device
    from unionhome.accounts.queries import two_factor_required

    user = get_user_model().objects.get(username=username)
    device = two_factor_device(user) if two_factor_required(user) else None
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if device is not None and "/accounts/login/verify/" in page.url:
        type(device).objects.filter(pk=device.pk).update(last_t=-1)  # a new login, not a replay of the last
        device.refresh_from_db()
        page.fill("#id_code", totp_code(device))
        with page.expect_navigation():
            page.click("#code-form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not log in: {page.url}"


# One pass over the page: its width, its images and charts, and the links it shows (same host, not an anchor on
# the page itself, not the logout form's target).
LOOK = """() => {
  const here = location.origin, images = [], broken = [], links = [];
  for (const img of document.images) {
    const src = img.currentSrc || img.src;
    if (!src) { broken.push('img without src'); continue; }
    if (img.complete && img.naturalWidth === 0) broken.push(src.replace(here, ''));
    else if (src.startsWith(here)) images.push(src);  // a lazy one not loaded yet is fetched by the walk
  }
  for (const svg of document.querySelectorAll('svg[role=img]')) {
    const r = svg.getBoundingClientRect();
    if (svg.offsetParent !== null && (r.width < 1 || r.height < 1)) broken.push('empty chart ' + (svg.getAttribute('aria-label') || ''));
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.href, location.href);
    if (url.origin !== here || !['http:', 'https:'].includes(url.protocol)) continue;
    if (url.pathname === location.pathname && url.search === location.search) continue;
    links.push(url.pathname + url.search);
  }
  // attributes, not properties: a form's field named "method" or "action" shadows the property
  const forms = [...document.querySelectorAll('form')]
    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'post')
    .map(f => new URL(f.getAttribute('action') || location.href, location.href))
    .filter(url => url.origin === here).map(url => url.pathname);
  return {wide: (%s)(), broken, images, links, forms};
}""" % OVERFLOW
RESOURCES = {"image", "stylesheet", "script", "font", "media", "xhr", "fetch"}
# Links the walk does not follow: leaving the session, and the language switch (a POST form, never a link).
NOT_FOLLOWED = ("/accounts/logout/",)


def _walk(browser, base_url: str, username: str, password: str, urls: list[str], refused=None) -> list[str]:
    """Log in once and open each URL in the same page, as the role on a phone: the page fits 390 px; no image,
    chart, style or script is broken; no JavaScript or console error; nothing is asked of another host; and every
    link the page shows (same host, unique by path) answers the role without an error page. ``refused(path)``:
    whether the permission matrix refuses this role a POST to ``path`` (a form or button the page should not show)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems: list[str] = []
    state = {"url": "/accounts/login/"}

    def report(what: str, where: str | None = None) -> None:
        problems.append(f"{username} {where or state['url']}: {what}")

    def guard(request):
        # recorded, not intercepted (conftest.py's browser_page says why); the browser resolves no other host
        if foreign_request(request.url, base_url):
            report(f"asks another host: {request.url}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type in RESOURCES:
            report(f"{response.request.resource_type} {response.url.replace(base_url, '')} answered {response.status}")

    def on_console(message):
        # a failed resource is reported once, by its response above; an aborted foreign request by the guard
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            report(f"console error: {message.text}")

    context.on("request", guard)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: report(f"JavaScript error: {exc}"))
    _log_in(page, username, password)

    opened: set[str] = set()  # paths that answered as pages: their links need no second fetch
    shown: dict[str, tuple[str, str]] = {}  # path -> (the link as shown, the first page that showed it)
    images: dict[str, str] = {}  # image URL -> the first page that showed it
    for url in urls:
        state["url"] = url
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as exc:  # a file to download (xlsx, docx, a photo): not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        opened.add(urlsplit(url).path)
        seen = page.evaluate(LOOK)
        if seen["wide"]:
            report(seen["wide"])
        for src in seen["broken"]:
            report(f"broken image {src}")
        for src in seen["images"]:
            images.setdefault(src, url)
        for action in seen["forms"] if refused else ():
            if refused(action):
                report(f"shows a form or button posting to {action}, which the role may not do")
        for link in seen["links"]:
            path = urlsplit(link).path
            if not path.startswith(NOT_FOLLOWED):
                shown.setdefault(path, (link, url))
    state["url"] = None
    for src, where in images.items():
        answer = context.request.get(src)
        if answer.status >= 400 or not answer.headers.get("content-type", "").startswith("image/"):
            report(f"image {src.replace(base_url, '')} answered {answer.status} {answer.headers.get('content-type')}",
                   where)
    for path, (link, where) in sorted(shown.items()):
        if path in opened:
            continue
        answer = context.request.get(link)
        # a 403 too: a link the role may not follow (a page, or a file it may not have) should not be shown
        if answer.status >= 400:
            report(f"shows a link to {link} that answers {answer.status}", where)
    context.close()
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_every_role_works_on_a_390_px_phone(role, cast, _playwright_browser, live_server):
    """One role a test: the walks share the run's workers."""
    urls = _urls(cast)
    assert len(urls) > len(PAGES) * 0.9, sorted({r.name for r in PAGES} - set(urls))
    posts = {r.name: r for r in ROUTES if r.method == "post" and not r.is_api()}
    mine = [urls[r.name] for r in PAGES if r.name in urls and r.expected(role) == 200]

    def refused(path: str) -> bool:
        try:
            route = posts.get(resolve(path).view_name)
        except Resolver404:
            return False
        return route is not None and route.expected(role) == 403

    problems = _walk(_playwright_browser, live_server.url, cast.users[role].username, PASSWORD, mine, refused)
    assert not problems, f"what the {role} sees wrong on a 390 px phone:\n" + "\n".join(problems)


def _photographed(union) -> list[str]:
    """A page of each kind that shows the demo's photos: the walk must see them as a user does."""
    from unionhome.activities.models import ActivityPhoto
    from unionhome.care.models import VisitPhoto
    from unionhome.disclosures.models import FindingPhoto
    from unionhome.elections.models import Candidate
    from unionhome.study.models import SessionPhoto
    from unionhome.suggestions.models import SuggestionPhoto

    activity = ActivityPhoto.objects.filter(union=union).first().activity_id
    election = Candidate.objects.filter(election__union=union).exclude(photo="").first().election_id
    pages = [reverse("activities:detail", args=[activity]), reverse("activities:roster", args=[activity]),
             reverse("care:visit_detail", args=[VisitPhoto.objects.filter(union=union).first().visit_id]),
             reverse("disclosures:inspection",
                     args=[FindingPhoto.objects.filter(union=union).first().finding.inspection_id]),
             reverse("elections:detail", args=[election]), reverse("elections:vote", args=[election]),
             reverse("study:session", args=[SessionPhoto.objects.filter(union=union).first().session_id]),
             reverse("suggestions:detail", args=[SuggestionPhoto.objects.filter(union=union).first().suggestion_id])]
    return pages


@pytest.mark.browser
def test_the_demo_unions_year_works_on_a_390_px_phone(_playwright_browser, live_server, transactional_db, settings,
                                                      tmp_path):
    """The cast's few rows fit anywhere; a real year's tables (the dashboard, 入会率 by group, a needy file's
    household, the elections, activity statistics) are what grew wider than the phone."""
    from unionhome.care.models import HardshipFile
    from unionhome.demo.builder import DEMO_LOGINS, build_demo

    settings.MEDIA_ROOT = tmp_path  # the demo's photos
    demo = build_demo()
    pages = [reverse(r.name) for r in PAGES if not r.kwargs]
    pages += [reverse("care:hardship_detail", kwargs={"pk": f.pk})
              for f in HardshipFile.objects.filter(union=demo.union)[:1]]
    pages += _photographed(demo.union)
    problems = []
    # the chair sees nearly every page; the hardship officer the needy files; a member and the federation their own
    # views (the cast's test above already opens every page of every role)
    logins = {"zhuxi", "bangfu", "huiyuan", "zonggonghui"}
    for username in [u for u, _label in DEMO_LOGINS if u in logins]:
        problems += _walk(_playwright_browser, live_server.url, username, settings.UNIONHOME_DEMO_PASSWORD,
                              pages)
    assert not problems, "what each role sees wrong on a 390 px phone:\n" + "\n".join(problems)

"""Every page of every role fits a phone (390 px wide): nothing scrolls sideways but a table inside its own
scrolling box. One browser, one page per role, every GET route of the permission matrix that answers 200."""
from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from unionhome.core.errors import DomainError
from unionhome.core.testing.matrix import ROLES
from unionhome.core.tests.test_permission_matrix import ROUTES

# A page's width does not depend on the database: measured once, on SQLite (it takes minutes).
pytestmark = pytest.mark.skipif("postgres" in os.environ.get("DATABASE_URL", ""),
                                reason="page widths do not depend on the database: measured on SQLite")

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


def _too_wide(browser, base_url: str, username: str, password: str, urls: list[str]) -> list[str]:
    """Log in once, open each URL in the same page, and say which ones are wider than the phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", base_url=base_url)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    problems = []
    for url in urls:
        try:
            response = page.goto(url, wait_until="load")
        except PlaywrightError as exc:  # a file to download (xlsx, docx, a photo): not a page
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        wide = page.evaluate(OVERFLOW)
        if wide:
            problems.append(f"{username} {url}: {wide}")
    context.close()
    return problems


@pytest.mark.browser
def test_every_page_of_every_role_fits_a_390_px_phone(cast, _playwright_browser, live_server):
    urls = _urls(cast)
    assert len(urls) > len(PAGES) * 0.9, sorted({r.name for r in PAGES} - set(urls))
    problems = []
    for role in ROLES:
        mine = [urls[r.name] for r in PAGES if r.name in urls and r.expected(role) == 200]
        problems += _too_wide(_playwright_browser, live_server.url, cast.users[role].username, PASSWORD, mine)
    assert not problems, "pages wider than a 390 px phone:\n" + "\n".join(problems)


@pytest.mark.browser
def test_the_demo_unions_year_fits_a_390_px_phone(_playwright_browser, live_server, transactional_db, settings):
    """The cast's few rows fit anywhere; a real year's tables (the dashboard, 入会率 by group, a needy file's
    household, the elections, activity statistics) are what grew wider than the phone."""
    from unionhome.care.models import HardshipFile
    from unionhome.demo.builder import DEMO_LOGINS, build_demo

    demo = build_demo()
    pages = [reverse(r.name) for r in PAGES if not r.kwargs]
    pages += [reverse("care:hardship_detail", kwargs={"pk": f.pk})
              for f in HardshipFile.objects.filter(union=demo.union)[:1]]
    problems = []
    # the chair sees nearly every page; the hardship officer the needy files; a member and the federation their own
    # views (the cast's test above already opens every page of every role)
    logins = {"zhuxi", "bangfu", "huiyuan", "zonggonghui"}
    for username in [u for u, _label in DEMO_LOGINS if u in logins]:
        problems += _too_wide(_playwright_browser, live_server.url, username, settings.UNIONHOME_DEMO_PASSWORD,
                              pages)
    assert not problems, "pages wider than a 390 px phone:\n" + "\n".join(problems)

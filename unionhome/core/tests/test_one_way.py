"""One way for each job (issue 13): a second way of doing one of these jobs fails here, with where it is.

- a page runs a service through ``core.views`` (``button_action`` / ``form_action`` / ``form_page`` / ``attempt``):
  no view module catches a domain error itself, nor turns one into a message or a form error by hand;
- a domain error reaches a form through ``core.forms.add_domain_error`` only;
- fields are rendered by ``core/_fields.html`` (a whole form) and ``core/_field.html`` (one field) only;
- money typed on a page or sent to the API is parsed by ``core/money.py`` only (``MoneyField`` / ``parse_money``).
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the unionhome package


def _sources(*patterns: str) -> list[Path]:
    found = set()
    for pattern in patterns:
        found.update(p for p in ROOT.glob(pattern) if "/tests/" not in p.as_posix() and "/migrations/" not in p.as_posix())
    return sorted(found)


def _hits(paths, pattern: str, *, allowed: set[str] = frozenset()) -> list[str]:
    rx = re.compile(pattern)
    hits = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        if rel in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if rx.search(line):
                hits.append(f"{rel}:{number}: {line.strip()}")
    return hits


VIEW_MODULES = _sources("*/views*.py", "*/views/*.py")
PY_MODULES = _sources("**/*.py")
DOMAIN_ERRORS = r"(DomainError|RuleViolation|Conflict|NotFound|Forbidden|Unavailable)"


def test_the_view_modules_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in VIEW_MODULES}
    assert {"core/views.py", "funds/views.py", "care/views/hardship.py", "accounts/views_two_factor.py"} <= names


def test_no_view_module_catches_a_domain_error_itself():
    assert _hits(VIEW_MODULES, rf"except\b.*\b{DOMAIN_ERRORS}\b", allowed={"core/views.py"}) == []


def test_no_view_module_has_a_private_copy_of_the_action_helper():
    """A copy shows itself by reading the error's text into a message or a form (``exc.message``)."""
    assert _hits(VIEW_MODULES, r"\b(exc|err|error|e)\.message\b", allowed={"core/views.py"}) == []


def test_a_domain_error_reaches_a_form_one_way():
    """``form.add_error(…, exc.message)`` anywhere but ``core.forms.add_domain_error``."""
    assert _hits(PY_MODULES, r"add_error\(.*\.message\b", allowed={"core/forms.py"}) == []


def test_one_form_field_template():
    templates = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/templates/**/*.html")}
    field_templates = {t for t in templates if re.search(r"/_fields?\.html$", t)}
    assert field_templates == {"core/templates/core/_fields.html", "core/templates/core/_field.html"}
    # nor a private include of a field partial under another name
    assert _hits(sorted(ROOT.glob("*/templates/**/*.html")), r"""include "(?!core/_fields?\.html)[^"]*_fields?\.html""") == []


def test_money_is_parsed_by_core_money_only():
    """Pages, forms and the API take amounts through ``MoneyField`` or ``parse_money``: no ``DecimalField`` of
    their own and no ``Decimal(...)`` of a value that is not a literal."""
    entry = _sources("*/views*.py", "*/views/*.py", "*/forms*.py", "*/api*.py", "*/schemas*.py")
    # core/forms.py's QuantityField is the one decimal that is not money (training hours)
    assert _hits(entry, r"forms\.DecimalField\(", allowed={"core/forms.py"}) == []
    assert _hits(entry, r"""\bDecimal\((?!\s*["']?-?[\d.]+["']?\s*\))""") == []

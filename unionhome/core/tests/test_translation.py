"""Every user-visible string goes through the translation system, and the English catalogue is complete
(issue 13 §7: the English switch used to leave funds, care, elections and competitions in Chinese).

Two scanners find Chinese that gettext never sees:
- templates, with Django's own template lexer: Chinese in text outside ``{% translate %}`` /
  ``{% blocktranslate %}``, or in a tag or variable other than a translate tag or a ``_("…")`` literal;
- Python modules, with ``ast``: a string constant holding Chinese that is not an argument of a gettext call.
Comments, docstrings, tests, migrations, demo data and the data tables (ID cards, pinyin, provinces, the
lunar calendar) are not UI; the few other exceptions are listed below, each with its reason.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "unionhome"
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

GETTEXT_NAMES = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
    "npgettext", "npgettext_lazy", "_lazy", "_noop",
}

# Modules that are data, not interface: the Chinese in them is matched against input or stored as records.
DATA_MODULES = {
    "core/idcard.py": "ID-card region codes and check rules (data)",
    "core/pinyin.py": "pinyin table for sorting and search (data)",
    "core/provinces.py": "province names as they appear on ID cards and in addresses (data)",
    "core/cncalendar.py": "lunar-calendar and solar-term names matched to dates (data)",
    "core/formats/zh_Hans/formats.py": "the Chinese locale's own date formats",
    "elections/strokes.py": "surname stroke counts for ordering candidates (data)",
    "reports/docx/build_template.py": "builds the default Word template of a Chinese official document (its fonts and "
                                      "fixed headings are the file format; run by hand, not served)",
}
# Migrations seeding records whose names are shown translated (marked with gettext_noop).
MARKED_MIGRATIONS = ["funds/migrations/0002_chart_of_accounts.py"]
# Directories that are not the web interface.
DATA_DIRS = {
    "management/commands": "the operator's console on the server, not the web interface",
}

# Module-level names whose Chinese is a file format or stored values, each with the reason.
DATA_NAMES: dict[tuple[str, str], str] = {
    ("members/roster_rows.py", "COLUMNS"): "the roster spreadsheet's column titles and examples: its file format",
    ("members/roster_rows.py", "DATE_FORMATS"): "date formats a spreadsheet cell may hold",
    ("members/choices.py", "ETHNICITIES"): "the 56 ethnic groups as stored and imported (GB 3304 names)",
    ("committees/org_import.py", "COLUMNS"): "the organisation spreadsheet's column titles: its file format",
    ("committees/org_import.py", "KINDS"): "row kinds as written in the organisation spreadsheet",
    ("committees/org_import.py", "EXAMPLES"): "the example rows of the organisation spreadsheet",
    ("core/docx.py", "FONT"): "the name of the font the documents use",
    ("core/docx.py", "_OPEN"): "quotation marks normalised in documents",
    ("core/docx.py", "_DIGITS"): "Chinese numerals of a certificate's date (二〇二六年十二月): data, not a sentence",
}

# Single strings that are not interface text, each with the reason. Key: (module, the string).
ALLOWED_STRINGS: dict[tuple[str, str], str] = {
    ("settings.py", "简体中文"): "a language is named in its own language in the switcher",
    ("settings.py", "职工之家"): "the issuer name authenticator apps store with the key (a setting)",
    ("members/api.py", "汉族"): "the stored default ethnic group (a value of ETHNICITIES)",
    ("members/services.py", "汉族"): "the stored default ethnic group (a value of ETHNICITIES)",
    ("members/services_join.py", "汉族"): "the stored default ethnic group (a value of ETHNICITIES)",
    ("members/roster_rows.py", "汉族"): "an empty ethnic-group cell means the stored default (a value of ETHNICITIES)",
    ("members/roster_rows.py", "族"): "completes an ethnic group written without its suffix (matched against ETHNICITIES)",
    ("care/api.py", "无"): "the stored default of a needy file's model-worker class (the model field's default)",
    ("care/api_campaigns.py", "县红十字会"): "the stored default partner of a blood drive (the model field's default)",
    ("members/forms.py", "汉族"): "the initial choice, a value of ETHNICITIES",
    ("members/exporting.py", "示例：张三"): "the template's example row, which the import recognises and skips",
    ("core/docx.py", "十"): "Chinese numerals of a certificate's date (cn_date_upper)",
    ("core/docx.py", "年"): "a certificate's date in Chinese numerals exists only in Chinese (cn_date_upper)",
    ("core/docx.py", "月"): "a certificate's date in Chinese numerals exists only in Chinese (cn_date_upper)",
    ("core/docx.py", "日"): "a certificate's date in Chinese numerals exists only in Chinese (cn_date_upper)",
    ("funds/forms.py", "职务工资"): "the default wage items, the value of the rule funds.dues_wage_items",
    ("funds/forms.py", "级别工资"): "the default wage items, the value of the rule funds.dues_wage_items",
}

# Calls whose string arguments are patterns or data matched against input, never shown.
DATA_CALLS = {"compile", "match", "fullmatch", "search", "sub", "subn", "findall", "finditer", "split",
              "strptime", "strftime", "removesuffix", "removeprefix", "startswith", "endswith", "replace",
              "strip", "lstrip", "rstrip", "maketrans", "translate", "count", "find", "index", "rfind",
              "solar_term", "lunar_to_solar"}


def _is_data_module(rel: str) -> bool:
    parts = rel.split("/")
    return (rel in DATA_MODULES or "tests" in parts or "migrations" in parts or "testing" in parts
            or parts[-1] == "demo.py" or "demo" in parts or any(d in rel for d in DATA_DIRS))


# --- templates ----------------------------------------------------------------------------------------

_TRANSLATE_TAG = re.compile(r"^(translate|trans)\s")
_UNDERSCORE_LITERAL = re.compile(r"""_\(\s*("[^"]*"|'[^']*')\s*\)""")


def template_findings(source: str) -> list[str]:
    """Chinese in a template that no translate tag covers, as ``line N: text`` strings."""
    findings = []
    in_block = None  # "blocktranslate" / "comment" / "verbatim" while inside one
    for token in Lexer(source).tokenize():
        content = token.contents
        if token.token_type == TokenType.BLOCK:
            name = content.split(None, 1)[0] if content else ""
            if in_block == "blocktranslate":
                if name in ("endblocktranslate", "endblocktrans"):
                    in_block = None
                elif name not in ("plural",):
                    pass
                continue
            if in_block == "comment":
                if name == "endcomment":
                    in_block = None
                continue
            if name in ("blocktranslate", "blocktrans"):
                in_block = "blocktranslate"
                rest = _UNDERSCORE_LITERAL.sub("", content)
                if CJK.search(rest):
                    findings.append(f"line {token.lineno}: {{% {content} %}}")
                continue
            if name == "comment":
                in_block = "comment"
                continue
            if _TRANSLATE_TAG.match(content + " "):
                continue
            if CJK.search(_UNDERSCORE_LITERAL.sub("", content)):
                findings.append(f"line {token.lineno}: {{% {content} %}}")
        elif token.token_type == TokenType.VAR:
            if in_block == "comment":
                continue
            if CJK.search(_UNDERSCORE_LITERAL.sub("", content)):
                findings.append(f"line {token.lineno}: {{{{ {content} }}}}")
        elif token.token_type == TokenType.TEXT:
            if in_block in ("blocktranslate", "comment"):
                continue
            for offset, line in enumerate(content.splitlines()):
                if CJK.search(line):
                    findings.append(f"line {token.lineno + offset}: {line.strip()}")
        # TokenType.COMMENT ({# … #}) is never shown
    return findings


def _templates():
    return sorted(PACKAGE.rglob("templates/**/*.html")) + sorted(PACKAGE.rglob("templates/**/*.txt"))


def test_templates_hold_no_chinese_outside_translation_tags():
    report = []
    for path in _templates():
        for finding in template_findings(path.read_text(encoding="utf-8")):
            report.append(f"{path.relative_to(ROOT)} {finding}")
    assert not report, f"{len(report)} untranslated Chinese texts in templates:\n" + "\n".join(report)


def test_the_template_scanner_catches_untranslated_text_and_passes_translated_text():
    assert template_findings("<p>会员</p>")
    assert template_findings('{{ x|default:"无" }}')
    assert template_findings('{% include "a.html" with label="姓名" %}')
    assert not template_findings('<p>{% translate "会员" %}</p>{# 注释 #}')
    assert not template_findings("{% blocktranslate %}共 {{ n }} 人{% endblocktranslate %}")
    assert not template_findings('{{ x|default:_("无") }}{% comment %}说明{% endcomment %}')


# --- Python -------------------------------------------------------------------------------------------

def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated_nodes(tree: ast.AST, rel: str = "") -> list[ast.expr]:
    """String constants and f-strings holding Chinese outside gettext calls, docstrings and data."""
    skip: set[int] = set()
    parents: dict[int, ast.AST] = {}

    def skip_all(node):
        for sub in ast.walk(node):
            skip.add(id(sub))

    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in GETTEXT_NAMES or name in DATA_CALLS:
                for arg in list(node.args) + [k.value for k in node.keywords]:
                    skip_all(arg)
                if name in DATA_CALLS and isinstance(node.func, ast.Attribute):
                    skip_all(node.func.value)  # "、".join is not data, but "省".strip… is
            for keyword in node.keywords:
                if keyword.arg == "default" and name.endswith("Field"):
                    skip_all(keyword.value)  # a stored default value
            if name == "declare" and len(node.args) > 1:
                skip_all(node.args[1])  # a rule's value is configuration, compared and stored
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[0], ast.Constant) \
                and isinstance(node.elts[1], ast.Call) and _call_name(node.elts[1]) in GETTEXT_NAMES:
            skip_all(node.elts[0])  # (stored value, translated label): a choice
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a bare string statement is a comment, not output
        if isinstance(node, ast.Compare):
            skip_all(node)  # compared with input: data
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    skip_all(key)  # a lookup key: data
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(tree, ast.Module) and node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for target in targets for t in ast.walk(target) if isinstance(t, ast.Name)]
            if any((rel, name) in DATA_NAMES for name in names):
                skip_all(node)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(part, ast.Constant) and CJK.search(part.value) for part in node.values):
                found.append(node)
            skip_all(node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            if (rel, node.value) not in ALLOWED_STRINGS:
                found.append(node)
    return found


def python_findings(source: str, rel: str = "") -> list[str]:
    """Chinese string constants outside gettext calls, docstrings and data, as ``line N: text`` strings."""
    return [f"line {node.lineno}: {ast.get_source_segment(source, node) or ''}"
            for node in untranslated_nodes(ast.parse(source), rel)]


def _python_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(PACKAGE))
        if not _is_data_module(rel):
            yield rel, path


def test_python_holds_no_chinese_outside_gettext():
    report = []
    for rel, path in _python_modules():
        for finding in python_findings(path.read_text(encoding="utf-8"), rel):
            report.append(f"unionhome/{rel} {finding}")
    assert not report, f"{len(report)} untranslated Chinese strings in Python:\n" + "\n".join(report)


def test_the_python_scanner_catches_untranslated_strings_and_passes_translated_ones():
    assert python_findings('x = "会员"')
    assert python_findings('raise RuleViolation("full", "名额已满")')
    assert python_findings('x = f"共{n}人"')
    assert not python_findings('from django.utils.translation import gettext_lazy as _\nx = _("会员")')
    assert not python_findings('x = pgettext("vote", "赞成")')
    assert not python_findings('def f():\n    """说明。"""\n    return 1\n# 注释')


def test_every_allow_list_entry_is_still_needed():
    for rel in [*DATA_MODULES, *MARKED_MIGRATIONS]:
        assert (PACKAGE / rel).exists(), rel
    for (rel, text) in ALLOWED_STRINGS:
        assert text in (PACKAGE / rel).read_text(encoding="utf-8"), (rel, text)


# --- the catalogue ------------------------------------------------------------------------------------

@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext's msgfmt")
def test_the_english_catalogue_is_valid_and_complete():
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
                            capture_output=True, text=True, env={"LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip()
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


def _catalogue() -> dict[tuple[str | None, str], str]:
    """msgid (with msgctxt) → msgstr, read from the .po without a dependency."""
    entries: dict[tuple[str | None, str], str] = {}
    ctxt = msgid = msgstr = None
    field = None

    def flush():
        if msgid is not None:
            entries[(ctxt, msgid)] = msgstr or ""

    for raw in PO.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if line.startswith("#~"):
                continue
            continue
        if line.startswith("msgctxt "):
            flush()
            ctxt, msgid, msgstr, field = ast.literal_eval(line[8:]), None, None, "ctxt"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgid "):
            if field != "ctxt":
                flush()
                ctxt = None
            msgid, msgstr, field = ast.literal_eval(line[6:]), None, "id"
        elif line.startswith("msgstr"):
            value = ast.literal_eval(line.split(" ", 1)[1])
            if field in ("id", "plural") or field == "str" and msgstr == "" and line.startswith("msgstr[") and value:
                msgstr = value
            field = "str"
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "ctxt":
                ctxt += value
            elif field == "id":
                msgid += value
            elif field == "str":
                msgstr = (msgstr or "") + value
    flush()
    return entries


def _used_msgids() -> set[tuple[str | None, str]]:
    used: set[tuple[str | None, str]] = set()
    # data shown translated is marked with gettext_noop (the chart of accounts lives in its migration)
    marked = [(rel, PACKAGE / rel) for rel in [*DATA_MODULES, *MARKED_MIGRATIONS]]
    for rel, path in [*_python_modules(), *marked]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            args = node.args
            if name in ("pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy") and len(args) >= 2:
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]):
                    used.add((args[0].value, args[1].value))
            elif name in GETTEXT_NAMES and args and isinstance(args[0], ast.Constant) \
                    and isinstance(args[0].value, str):
                used.add((None, args[0].value))
    for path in _templates():
        for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
            if token.token_type == TokenType.BLOCK:
                match = re.match(r"""(?:translate|trans)\s+("[^"]*"|'[^']*')(.*)$""", token.contents)
                if match:
                    context = re.search(r"""context\s+("[^"]*"|'[^']*')""", match.group(2))
                    used.add((ast.literal_eval(context.group(1)) if context else None,
                              ast.literal_eval(match.group(1))))
    return {key for key in used if CJK.search(key[1])}


def test_every_chinese_msgid_the_code_uses_has_an_english_translation():
    catalogue = _catalogue()
    missing = sorted(f"{ctxt + ' | ' if ctxt else ''}{msgid}" for ctxt, msgid in _used_msgids()
                     if not catalogue.get((ctxt, msgid)))
    assert not missing, f"{len(missing)} msgids without English:\n" + "\n".join(missing)

"""The layers of docs/architecture.md, enforced: every module of every app is read (imports at module level and
inside functions, relation targets such as ``ForeignKey("members.Worker")``, ``apps.get_model`` in data
migrations and migrations' ``dependencies``), and an app pointing at an app in its own or a later layer fails.

Tests (``<app>/tests/``, ``core/testing/``) may import anything: they build fixtures from every app. The project
modules (``unionhome/urls.py``, ``api.py``, ``settings.py``) sit above every app and are not read.
"""
from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from pathlib import Path

from unionhome.core.layers import LAYERS, layer_of

PACKAGE = Path(__file__).resolve().parents[2]
DOC = PACKAGE.parent / "docs" / "architecture.md"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
TEST_DIRS = {"tests", "testing"}


def app_modules(app: str):
    """Every non-test module of the app, with its dotted name."""
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if TEST_DIRS & set(path.relative_to(PACKAGE / app).parts):
            continue
        yield path, ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "unionhome" and len(parts) > 1 and parts[1] in APPS else None


def references(path: Path) -> list[tuple[str, int, str]]:
    """(dotted module or "app_label.", line, what) for everything the module depends on, wherever it sits."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno, f"import {a.name}") for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{path}:{node.lineno}: relative import (write the absolute module)"
            module = node.module or ""
            # ``from unionhome.funds import services`` depends on the module, not only the package
            found += [(f"{module}.{a.name}", node.lineno, f"from {module} import {a.name}") for a in node.names]
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg == "to"]
            strings = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in RELATIONS:
                found += [(f"unionhome.{s.split('.')[0].lower()}.", node.lineno, f"relation to {s}")
                          for s in strings if "." in s]
            elif name == "get_model":
                found += [(f"unionhome.{s.split('.')[0]}.", node.lineno, f"get_model {s}") for s in strings]
            elif name == "import_module":
                found += [(s, node.lineno, f"import_module {s}") for s in strings]
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "dependencies" for t in node.targets):
            for dep in getattr(node.value, "elts", []):
                if isinstance(dep, ast.Tuple) and isinstance(dep.elts[0], ast.Constant):
                    found.append((f"unionhome.{dep.elts[0].value}.", node.lineno, f"migration after {dep.elts[0].value}"))
    return found


# Migrations applied in existing databases before the layers were enforced: history, whose text must not change
# (what they describe has since moved: org.Union is core.Union, org.UnionGroup.leader is committees.GroupLeader).
HISTORY = {"org/migrations/0001_initial.py", "core/migrations/0002_relations_and_constraints.py"}


def layer_breaches() -> list[str]:
    breaches = []
    for app in APPS:
        for path, _module in app_modules(app):
            if str(path.relative_to(PACKAGE)) in HISTORY:
                continue
            for target, line, what in references(path):
                other = _app_of(target)
                if other and other != app and layer_of(other) >= layer_of(app):
                    where = "beside" if layer_of(other) == layer_of(app) else "above"
                    breaches.append(f"{path.relative_to(PACKAGE)}:{line}: {app} → {other} ({where} it): {what}")
    return breaches


def test_every_app_has_a_place_in_the_layers():
    listed = [app for layer in LAYERS for app in layer]
    assert sorted(listed) == APPS, "core/layers.py LAYERS must list every app once"
    assert len(set(listed)) == len(listed)


def test_the_architecture_picture_shows_the_same_layers():
    """The diagram in docs/architecture.md's "Layers" section, read top (last layer) to bottom (core): each line
    starts with the apps of one layer, then a remark."""
    section = DOC.read_text(encoding="utf-8").split("## Layers", 1)[1].split("\n## ", 1)[0]
    picture = section.split("```", 2)[1]
    drawn = []
    for line in picture.splitlines():
        names = list(itertools.takewhile(lambda word: word in APPS, line.split()))
        if names:
            drawn.append(tuple(sorted(names)))
    assert drawn[::-1] == [tuple(sorted(layer)) for layer in LAYERS]


def test_no_app_depends_on_an_app_above_or_beside_it():
    assert layer_breaches() == []


def test_the_layer_check_catches_an_upward_import_and_relation(tmp_path):
    """Control: the reader finds imports inside functions, relation strings and migration dependencies."""
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    from unionhome.members.models import Worker\n"
        "leader = models.ForeignKey('members.Worker', on_delete=models.SET_NULL)\n"
        "class Migration:\n    dependencies = [('members', '0001_initial')]\n", encoding="utf-8")
    targets = {_app_of(t) for t, _line, _what in references(module)}
    assert targets == {"members"}
    assert [line for _t, line, _w in references(module)] == [2, 3, 5]


def _module_graph(app: str) -> dict[str, set[str]]:
    modules = dict(app_modules(app))
    names = set(modules.values())
    graph = defaultdict(set)
    for path, module in modules.items():
        for target, _line, _what in references(path):
            # "unionhome.funds.queries.money" → the module "unionhome.funds.queries"
            while target and target not in names:
                target = target.rpartition(".")[0]
            if not target or target == module or path.parent.name == "migrations":
                continue
            if path.name == "__init__.py" and target.startswith(module + "."):
                continue  # a package gathering its own modules is the package, not a cycle
            graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def test_no_app_has_an_import_cycle_among_its_modules():
    """Imports inside functions count: they hide a cycle, they do not remove it."""
    cycles = []
    for app in APPS:
        cycles += _cycles(_module_graph(app))
    assert cycles == []


def test_the_cycle_check_catches_a_cycle_hidden_in_a_function():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

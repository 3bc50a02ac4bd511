"""Reference data after a test-database flush.

Some data migrations ship rows the application only reads (the chart of accounts, the welfare policies); they
are marked ``reference_data = True`` on their ``Migration`` class. A flush between transactional tests empties
those tables, and the application never reloads them (a missing chart is an error, not something to repair on
every read): ``conftest.py`` calls ``reference_data_restore()`` after each flush, which runs those migrations'
``RunPython`` functions again, in migration order, against the current models.
"""
from __future__ import annotations

from django.apps import apps
from django.db import transaction

_loaders: list | None = None


def reference_data_loaders() -> list:
    """The ``RunPython`` functions of the migrations marked ``reference_data = True``, in migration order."""
    global _loaders
    if _loaders is None:
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.operations.special import RunPython

        graph = MigrationLoader(None, ignore_no_migrations=True).graph
        plan: list = []
        for leaf in sorted(graph.leaf_nodes()):
            plan += [key for key in graph.forwards_plan(leaf) if key not in plan]
        _loaders = [op.code for key in plan if getattr(graph.nodes[key], "reference_data", False)
                    for op in graph.nodes[key].operations if isinstance(op, RunPython)]
    return _loaders


def reference_data_restore() -> None:
    with transaction.atomic():
        for load in reference_data_loaders():
            load(apps, None)  # the current models: these migrations only create rows of fields that still exist

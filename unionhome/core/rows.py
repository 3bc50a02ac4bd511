"""Model instances from raw SQL rows, with the column list and converters built once per model and process.

The burst paths (a sign-up, a ballot) read a row with a statement of their own that the ORM cannot build, or builds
at a CPU cost larger than the statement's (compiling a query set, matching a raw query set's columns to fields).
``model_columns`` gives, once per model, table alias and connection, what ``from_db`` needs: the columns to select
(in ``from_db``'s order), their attribute names and the converters the ORM would apply to them (JSON, decimals, …);
``model_from_row`` builds the instance from the selected values.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from unionhome.core.statements import built_once


@dataclass(frozen=True)
class ModelColumns:
    model: type
    select: str  # 'x."id", x."name", …' — the table under ``alias``
    names: list[str]  # attribute names, ``from_db``'s order
    converters: list[tuple]  # (index, column, [converter, …]) of the columns that have any


def model_columns(model, alias: str) -> ModelColumns:
    """Every concrete column of ``model`` as selected from its table under ``alias`` (built once per process)."""
    return built_once(("model_columns", model, alias, connection.alias), lambda: _build_columns(model, alias))


def _build_columns(model, alias: str) -> ModelColumns:
    fields = model._meta.concrete_fields
    converters = []
    for i, f in enumerate(fields):
        col = f.get_col(alias)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((i, col, found))
    return ModelColumns(model, ", ".join(f'{alias}."{f.column}"' for f in fields), [f.attname for f in fields],
                        converters)


def model_from_row(columns: ModelColumns, values):
    """The instance of ``columns.model`` from the values selected by ``columns.select`` (in that order)."""
    values = list(values)
    for i, col, convert in columns.converters:
        for c in convert:
            values[i] = c(values[i], col, connection)
    return columns.model.from_db(connection.alias, columns.names, values)

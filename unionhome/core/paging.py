"""The API's list window: an offset a database can hold (a 20-digit offset answers 422, not 500)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

# Far beyond any union's rows, far below what SQLite and PostgreSQL integers hold.
OFFSET_MAX = 10**9

Offset = Annotated[int, Field(le=OFFSET_MAX)]


def _bounded_pagination():
    from ninja import Schema
    from ninja.pagination import LimitOffsetPagination

    class BoundedLimitOffsetPagination(LimitOffsetPagination):
        """ninja's limit/offset pages with the offset bounded like every other list of the API."""

        class Input(Schema):
            limit: int = Field(100, ge=1, le=1000)
            offset: int = Field(0, ge=0, le=OFFSET_MAX)

    return BoundedLimitOffsetPagination


BoundedLimitOffsetPagination = _bounded_pagination()

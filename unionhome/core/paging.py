"""The API's list window: an offset a database can hold (a 20-digit offset answers 422, not 500); and pages of a
long list whose count stops at a cap (a broad search over a million workers must not re-read every hit just to
print how many there are)."""
from __future__ import annotations

from typing import Annotated

from django.core.paginator import Paginator
from django.utils.functional import cached_property
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


class CappedPaginator(Paginator):
    """A ``Paginator`` that counts at most ``cap`` + 1 rows (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``).

    Beyond the cap ``count`` is ``cap`` and ``capped`` is true: pages up to the cap can be browsed, and the page
    says "10,000+" instead of the exact figure (a narrower search shows the rest). ``cap=None`` counts all."""

    def __init__(self, object_list, per_page, *, cap: int | None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap, self.capped = cap, False

    @cached_property
    def count(self) -> int:
        if self.cap is None:
            return super().count
        rows = self.object_list.order_by().values("pk")  # no joins of select_related, no sort: just the hits
        n = rows[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)

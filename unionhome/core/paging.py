"""The API's list window: an offset a database can hold (a 20-digit offset answers 422, not 500)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

# Far beyond any union's rows, far below what SQLite and PostgreSQL integers hold.
OFFSET_MAX = 10**9

Offset = Annotated[int, Field(le=OFFSET_MAX)]

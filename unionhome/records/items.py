"""What a part of the bundle yields: files (with the record they are evidence of) and index rows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The assessment's areas (regulations.md §4; the proposed self-check), in the order of the bundle's folders.
AREAS: tuple[tuple[str, str], ...] = (
    ("organisation", _("组织建设")),
    ("democracy", _("民主管理")),
    ("care", _("服务职工")),
    ("culture", _("文体活动")),
    ("study", _("学习培训")),
    ("evaluation", _("评先评优")),
    ("funds", _("经费管理")),
    ("report", _("年度报告与自评")),
)
AREA_LABELS = dict(AREAS)


def folder(area: str) -> str:
    keys = [k for k, _label in AREAS]
    return f"{keys.index(area) + 1:02d}-{AREA_LABELS[area]}"


Ref = tuple[str, object]  # (model label, pk): the record a file is evidence of


@dataclass
class BundleFile:
    area: str
    name: str  # the file's name inside its area's folder
    data: bytes | None = None  # made in memory (a document) …
    storage_name: str = ""  # … or an uploaded file, read through Django's storage in chunks
    ref: Ref | None = None
    title: str = ""  # the index row for a file no record claims
    on: dt.date | None = None


@dataclass
class IndexRow:
    area: str
    on: dt.date | None
    record: str
    figure: str = ""
    ref: Ref | None = None
    files: list[str] = field(default_factory=list)
    counted: int = 1  # records this row stands for (a roster figure's row: the people it counts)

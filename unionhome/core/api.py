"""The audit trail through the API (issue 13): the page's filters, paged, with the page's permission."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from unionhome.core.audit_labels import action_label, change_rows, note_text
from unionhome.core.audit_views import audit_filter
from unionhome.core.models import AuditEntry
from unionhome.core.paging import Offset
from unionhome.core.permissions import api_require
from unionhome.core.text import CleanTextSchema

router = Router(tags=[gettext_lazy("审计记录")])


class AuditFilterIn(CleanTextSchema):
    action: str = ""  # one code, or a whole domain ending in "." ("care.")
    actor: str = ""  # login name
    target: str = ""  # part of the target's label
    start: dt.date | None = None
    end: dt.date | None = None
    offset: Offset = 0
    limit: int = Field(50, ge=1, le=200)


class ChangeOut(Schema):
    label: str
    before: str
    after: str
    changed: bool


class AuditEntryOut(Schema):
    id: int
    at: dt.datetime
    action: str
    action_label: str
    actor: str
    target_type: str
    target_id: str
    target_label: str
    before: Any
    after: Any
    changes: list[ChangeOut]
    note: str

    @staticmethod
    def resolve_action_label(obj):
        return str(action_label(obj.action))

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.username if obj.actor_id else obj.actor_name

    @staticmethod
    def resolve_changes(obj):
        return [{**{k: str(row[k]) for k in ("label", "before", "after")}, "changed": row["changed"]}
                for row in change_rows(obj)]

    @staticmethod
    def resolve_note(obj):
        return str(note_text(obj))


class AuditPage(Schema):
    count: int
    results: list[AuditEntryOut]


@router.get("/", response=AuditPage, url_name="audit_list")
def audit_list(request, filters: Query[AuditFilterIn]):
    """The union's audit trail, newest first (the same filters and fields as the page; sensitive values masked)."""
    ctx = api_require(request, "audit.view")
    data = filters.dict()
    offset, limit = data.pop("offset"), data.pop("limit")
    qs = audit_filter(AuditEntry.objects.filter(union=ctx.union).select_related("actor"), **data)
    return {"count": qs.count(), "results": list(qs[offset:offset + limit])}

"""The one audit mechanism: ``audit_log`` inside the transaction of the change.

Call it from services after the write succeeds and before the transaction
commits; if the transaction rolls back the audit row goes with it, so the
trail never records what did not happen. Sensitive values never enter the
trail in clear: pass them through ``snapshot`` which masks encrypted fields.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from unionhome.core.models import AuditEntry
from unionhome.core.statements import insert_row

_request_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("unionhome_request_ip", default=None)


def set_request_ip(ip: str | None) -> contextvars.Token:
    return _request_ip.set(ip)


def reset_request_ip(token: contextvars.Token) -> None:
    _request_ip.reset(token)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The audit view of a row: plain values, sensitive fields masked."""
    from unionhome.core.crypto import EncryptedTextField, mask_value

    result: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at"}:
            continue
        if isinstance(field, EncryptedTextField):
            result[field.name] = mask_value(getattr(obj, field.attname), field.mask)
        elif field.is_relation:
            result[field.name] = getattr(obj, field.attname)
        else:
            result[field.name] = _jsonable(getattr(obj, field.attname))
    return result


def audit_log(
    *,
    actor,
    action: str,
    union=None,
    target: models.Model | None = None,
    target_label: str = "",
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
) -> AuditEntry:
    if not connection.in_atomic_block:
        # A write's audit row must share the write's transaction; a lone event
        # (a reveal, an export, a login) gets its own.
        with transaction.atomic():
            return audit_log(actor=actor, action=action, union=union, target=target, target_label=target_label,
                             before=before, after=after, note=note)
    # The target's union by its key: reading the union row just to name it would cost a query per write.
    union_id = union.pk if union is not None else getattr(target, "union_id", None)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    # Written with one statement built once per process (``core.statements.insert_row``): the same row
    # ``AuditEntry.objects.create`` wrote, without building the insert each time (audit rows are on every burst path).
    return insert_row(AuditEntry, {
        "union_id": union_id,
        "actor_id": actor_obj.pk if actor_obj else None,
        "actor_name": (actor_obj.get_username() if actor_obj else _("系统")),
        "action": action,
        "target_type": (target._meta.label_lower if target is not None else ""),
        "target_id": (str(target.pk) if target is not None else ""),
        "target_label": (target_label or (str(target)[:200] if target is not None else "")),
        "before": _jsonable(before) if before is not None else None,
        "after": _jsonable(after) if after is not None else None,
        "note": note,
        "ip": _request_ip.get(),
    }, actor=actor_obj)


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, for a compact trail."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}

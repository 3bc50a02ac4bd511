"""Setting up a union: its federation (optional), the union itself and its first chair's login.

One service behind ``manage.py union_create``, the first-run page of an empty install and a federation
officer's page and API. It sits in accounts because it creates a login as well as the organisation.
"""
from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.accounts.services import account_create
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, DomainError, RuleViolation
from unionhome.core.models import Union
from unionhome.core.permissions import Role
from unionhome.core.provinces import PROVINCES
from unionhome.org.services import union_create

CHAIR_FIELDS = {"password_weak": "password", "username_taken": "chair_username"}


@dataclass
class SetUp:
    union: Union
    federation: Union | None  # the federation created along with the union, if any
    chair: object
    one_time_password: str | None  # shown once when the chair's password was generated


def one_time_password() -> str:
    """Twelve characters in three groups, with every character class the password rules ask for, and none
    that reads ambiguously on a printed slip (0/O, 1/l/I)."""
    upper, lower, digits = "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789"
    pool = upper + lower + digits
    while True:
        chars = "".join(secrets.choice(pool) for _ in range(12))
        if any(c in upper for c in chars) and any(c in lower for c in chars) and any(c in digits for c in chars):
            return "-".join(chars[i:i + 4] for i in range(0, 12, 4))


def _province_checked(province: str) -> str:
    province = (province or "").strip().removesuffix("省")
    if province not in PROVINCES:
        raise RuleViolation("province_unknown", gettext("请选择工会所在的省（自治区、直辖市）"), field="province")
    return province


@transaction.atomic
def union_set_up(*, actor, name: str, credit_code: str, province: str, founded_on: dt.date | None,
                 chair_username: str, chair_password: str | None = None, chair_name: str = "",
                 code: str = "", parent: Union | None = None, federation_name: str = "",
                 federation_code: str = "") -> SetUp:
    """Create the union (统一社会信用代码 with its GB 32100-2015 check character, province, founding date) under
    ``parent`` or under a new federation (``federation_name``/``federation_code``, itself under ``parent``:
    so a chain of any depth is built one level at a time), and its chair's login. Without a password the
    chair gets a one-time password and must change it at the first login. ``actor=None``: the first run of
    an empty install or a command; otherwise the federation officer. The chair role comes with the set-up
    (the platform grants it, as for an office), so it needs no second officer in a union that has none."""
    province = _province_checked(province)
    if not (chair_username or "").strip():
        raise RuleViolation("username_required", gettext("主席的登录用户名必填"), field="chair_username")
    credit_code = (credit_code or "").strip().upper()
    if not credit_code:
        raise RuleViolation("credit_code_required", gettext("统一社会信用代码必填"), field="credit_code")
    if founded_on is not None and founded_on > timezone.localdate():
        raise RuleViolation("founded_in_future", gettext("成立日期不能晚于今天"), field="founded_on")
    if Union.objects.filter(kind=Union.Kind.GRASSROOTS, credit_code=credit_code.upper()).exists():
        raise Conflict("credit_code_taken", gettext("统一社会信用代码 %(credit_code)s 的工会已存在") % {"credit_code": credit_code}, field="credit_code")
    federation = None
    if federation_name or federation_code:
        federation = union_create(actor=actor, name=federation_name, code=federation_code,
                                  kind=Union.Kind.FEDERATION, parent=parent, province=province)
        parent = federation
    union = union_create(actor=actor, name=name, code=(code or credit_code).strip(), parent=parent,
                         province=province, credit_code=credit_code, founded_on=founded_on)
    generated = None if chair_password else one_time_password()
    try:
        chair = account_create(actor=None, username=(chair_username or "").strip(), union=union, roles=[Role.CHAIR],
                               password=chair_password or generated, full_name=chair_name,
                               must_change_password=generated is not None)
    except DomainError as exc:  # the login's own errors belong to the set-up form's chair fields
        exc.field = exc.field or CHAIR_FIELDS.get(exc.code)
        raise
    audit_log(actor=actor, action="accounts.union.set_up", union=union, target=union,
              after={"union": union.code, "federation": federation.code if federation else None,
                     "parent": parent.code if parent else None, "chair": chair.username,
                     "one_time_password": generated is not None})
    return SetUp(union=union, federation=federation, chair=chair, one_time_password=generated)


@transaction.atomic
def first_run_set_up(**fields) -> SetUp:
    """The first-run page: only while the install has no union at all (afterwards unions are created by a
    federation officer or the command). The lock on the union table's first row is not possible on an
    empty table, so two simultaneous first runs are told apart by the unique codes at worst."""
    if Union.objects.exists():
        raise Conflict("already_set_up", gettext("本系统已设立工会，请登录"))
    return union_set_up(actor=None, **fields)


def parent_choices(union: Union):
    """The federations a federation officer may create unions under: their own and those below it."""
    if union is None or union.kind != Union.Kind.FEDERATION:
        return Union.objects.none()
    return Union.objects.filter(kind=Union.Kind.FEDERATION, path__startswith=union.path)


@transaction.atomic
def union_set_up_below(*, actor, federation: Union, parent: Union | None = None, **fields) -> SetUp:
    """A federation officer creates a union below their federation (at any depth)."""
    parent = parent or federation
    if not parent_choices(federation).filter(pk=parent.pk).exists():
        raise RuleViolation("parent_not_below", gettext("只能在本级或下级总工会之下设立工会"), field="parent")
    return union_set_up(actor=actor, parent=parent, **fields)

"""Writes to the organisation: unions, units, union groups."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from unionhome.core.audit import audit_log, changed, snapshot
from unionhome.core.creditcode import credit_code_checked
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import Union
from unionhome.core.pinyin import sort_key
from unionhome.core.text import refuse_unsafe
from unionhome.org.models import UnionGroup, Unit


def _audited(row) -> dict:
    """The audit view of a unit or group, without ``name_sort`` (derived from the name, not entered)."""
    values = snapshot(row)
    values.pop("name_sort", None)
    return values


@transaction.atomic
def union_create(*, actor, name: str, code: str, kind: str = Union.Kind.GRASSROOTS, parent: Union | None = None,
                 province: str = "", credit_code: str = "", founded_on: dt.date | None = None) -> Union:
    """A union's 统一社会信用代码, when given, must pass the GB 32100-2015 check character."""
    name = (name or "").strip()
    if not name:
        raise RuleViolation("name_required", _("工会名称必填"), field="name")
    refuse_unsafe(field="name", label=_("工会名称"), value=name)
    code = (code or "").strip()
    if not code:
        raise RuleViolation("code_required", _("工会代码必填"), field="code")
    if credit_code:
        credit_code = credit_code_checked(credit_code)
    if Union.objects.filter(code=code).exists():
        raise Conflict("union_code_taken", _("工会代码 %(code)s 已被使用") % {"code": code}, field="code")
    if parent is not None and parent.kind != Union.Kind.FEDERATION:
        raise RuleViolation("parent_not_federation", _("上级必须是总工会（上级工会）"))
    union = Union.objects.create(name=name, code=code, kind=kind, parent=parent,
                                 province=province or (parent.province if parent else ""), credit_code=credit_code,
                                 founded_on=founded_on)
    union.path = f"{parent.path if parent else '/'}{union.pk}/"
    union.save(update_fields=["path"])
    audit_log(actor=actor, action="org.union.created", union=union, target=union, after=snapshot(union))
    return union


def _unit_name_checked(*, union_id: int, name: str, pk: int | None = None) -> str:
    """A unit needs a name, unique within its union (``pk``: the unit being renamed)."""
    name = (name or "").strip()
    if not name:
        raise RuleViolation("name_required", _("单位名称必填"), field="name")
    refuse_unsafe(field="name", label=_("单位名称"), value=name)
    if Unit.objects.filter(union_id=union_id, name=name).exclude(pk=pk).exists():
        raise Conflict("unit_name_taken", _("单位“%(name)s”已存在") % {"name": name}, field="name")
    return name


def _group_checked(*, union_id: int, name: str, unit: Unit | None, pk: int | None = None) -> str:
    """A group needs a name, unique within its union, and may sit only under a unit of that union."""
    name = (name or "").strip()
    if not name:
        raise RuleViolation("name_required", _("小组名称必填"), field="name")
    refuse_unsafe(field="name", label=_("小组名称"), value=name)
    if unit is not None and unit.union_id != union_id:
        raise RuleViolation("unit_other_union", _("所选单位不属于本工会"), field="unit")
    if UnionGroup.objects.filter(union_id=union_id, name=name).exclude(pk=pk).exists():
        raise Conflict("group_name_taken", _("工会小组“%(name)s”已存在") % {"name": name}, field="name")
    return name


@transaction.atomic
def unit_create(*, actor, union: Union, name: str, code: str = "", sort_order: int = 0) -> Unit:
    name = _unit_name_checked(union_id=union.pk, name=name)
    unit = Unit.objects.create(union=union, name=name, code=code, sort_order=sort_order, name_sort=sort_key(name))
    audit_log(actor=actor, action="org.unit.created", target=unit, after=_audited(unit))
    return unit


@transaction.atomic
def group_create(*, actor, union: Union, name: str, unit: Unit | None = None, sort_order: int = 0) -> UnionGroup:
    name = _group_checked(union_id=union.pk, name=name, unit=unit)
    group = UnionGroup.objects.create(union=union, name=name, unit=unit, sort_order=sort_order,
                                      name_sort=sort_key(name))
    audit_log(actor=actor, action="org.group.created", target=group, after=_audited(group))
    return group


@transaction.atomic
def unit_update(*, actor, unit: Unit, name: str, code: str = "", sort_order: int = 0) -> Unit:
    name = _unit_name_checked(union_id=unit.union_id, name=name, pk=unit.pk)
    before = _audited(unit)
    unit.name, unit.code, unit.sort_order, unit.name_sort = name, code, sort_order, sort_key(name)
    unit.save()
    b, a = changed(before, _audited(unit))
    audit_log(actor=actor, action="org.unit.updated", target=unit, before=b, after=a)
    return unit


@transaction.atomic
def group_update(*, actor, group: UnionGroup, name: str, unit: Unit | None = None, sort_order: int = 0) -> UnionGroup:
    name = _group_checked(union_id=group.union_id, name=name, unit=unit, pk=group.pk)
    before = _audited(group)
    group.name, group.unit, group.sort_order, group.name_sort = name, unit, sort_order, sort_key(name)
    group.save()
    b, a = changed(before, _audited(group))
    audit_log(actor=actor, action="org.group.updated", target=group, before=b, after=a)
    return group

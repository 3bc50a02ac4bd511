"""Reads of the organisation."""
from __future__ import annotations

from django.utils.translation import gettext as _

from unionhome.core.errors import NotFound, RuleViolation
from unionhome.core.models import Union


def grassroots_union(code: str | None = None) -> Union:
    """The grassroots union a command works on: the one with ``code``, or the only one there is."""
    grassroots = Union.objects.filter(kind=Union.Kind.GRASSROOTS)
    if code:
        union = grassroots.filter(code=code).first()
        if union is None:
            raise NotFound("union_not_found", _("没有代码为 %(code)s 的基层工会") % {"code": code})
        return union
    if grassroots.count() != 1:
        raise RuleViolation("union_ambiguous", _("有多个基层工会，请用 --union CODE 指定"))
    return grassroots.get()

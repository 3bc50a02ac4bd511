"""Text that people enter: characters no name, title or note needs are refused at every input.

Control characters (C0 except tab and line breaks, DEL, C1), zero-width characters (U+200B–U+200F, U+2060–U+2064,
U+FEFF, U+180E, U+061C) and direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) are invisible on
screen yet change how a name sorts, compares, searches and prints: a reversed name on a ballot, two "equal"
names that differ, a document generator that fails on a control character (XML 1.0 forbids most of them).
One check serves the forms (``BootstrapFormMixin``), the API schemas (``CleanTextSchema``), the services and
the roster import.
"""
from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
NAMES = {"\u200b": gettext_lazy("零宽空格"), "\u200c": gettext_lazy("零宽不连字"), "\u200d": gettext_lazy("零宽连字"), "\u200e": gettext_lazy("从左向右标记"),
         "\u200f": gettext_lazy("从右向左标记"), "\u202a": gettext_lazy("方向嵌入"), "\u202b": gettext_lazy("方向嵌入"), "\u202c": gettext_lazy("方向结束"),
         "\u202d": gettext_lazy("方向覆盖"), "\u202e": gettext_lazy("从右向左覆盖"), "\u2066": gettext_lazy("方向隔离"), "\u2067": gettext_lazy("方向隔离"),
         "\u2068": gettext_lazy("方向隔离"), "\u2069": gettext_lazy("方向隔离结束"), "\ufeff": gettext_lazy("零宽不换行空格"), "\u2060": gettext_lazy("字连接符")}


def unsafe_message(value: str, label: str = "") -> str | None:
    """A Chinese message naming the first refused character of ``value``, or None when there is none."""
    if not isinstance(value, str):
        return None
    match = UNSAFE.search(value)
    if match is None:
        return None
    ch = match.group()
    kind = NAMES.get(ch, _("控制字符"))
    return _("%(label)s含有不可见的%(kind)s（U+%(ord)s），请删除后重新填写") % {"label": label, "kind": kind, "ord": format(ord(ch), '04X')}


def validate_visible_text(value) -> None:
    """Django validator for form fields."""
    message = unsafe_message(value)
    if message:
        raise ValidationError(message, code="invisible_characters")


def refuse_unsafe(*, field: str, label: str, value) -> None:
    """For services: raise ``RuleViolation`` "text_invisible_characters" on ``field``."""
    from unionhome.core.errors import RuleViolation

    message = unsafe_message(value, label)
    if message:
        raise RuleViolation("text_invisible_characters", message, field=field)


def _schema_base():
    from ninja import Schema
    from pydantic import field_validator

    class CleanTextSchema(Schema):
        """API input whose every text field (and list of texts) refuses invisible characters with a 422."""

        @field_validator("*", mode="after")
        @classmethod
        def _visible_text(cls, value):
            for item in value if isinstance(value, (list, tuple)) else (value,):
                message = unsafe_message(item)
                if message:
                    raise ValueError(message)
            return value

    return CleanTextSchema


CleanTextSchema = _schema_base()

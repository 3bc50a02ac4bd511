"""One person picker for every form that names a worker: a search box that asks the roster's own search
(``members:pick``, htmx, scoped to the union) and lists the answers as radio buttons (checkboxes when several
people are picked), instead of a dropdown of every name.

Use it as the widget of a ``ModelChoiceField``/``ModelMultipleChoiceField`` or a ``ChoiceField`` of worker
ids: the field still decides which people are valid; the widget shows only the chosen ones and the answers.
"""
from __future__ import annotations

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PersonPicker(forms.Select):
    template_name = "members/widgets/person_picker.html"
    multiple = False

    def __init__(self, attrs=None, *, scope: str = "union"):
        super().__init__(attrs)
        self.scope = scope

    def _chosen(self, values: list[str]) -> list[tuple[str, str]]:
        """(value, label) of the chosen people among the field's own choices: a posted id the field does not
        offer (another union's worker) shows no name."""
        wanted = {str(getattr(v, "pk", v)) for v in values if v not in (None, "")}
        if not wanted:
            return []
        queryset = getattr(self.choices, "queryset", None)
        if queryset is not None:  # a ModelChoiceField: ask the database for these ids only
            field = self.choices.field
            ids = [v for v in wanted if v.isdigit() and len(v) < 19]
            return [(str(obj.pk), field.label_from_instance(obj)) for obj in queryset.filter(pk__in=ids)]
        return [(str(v), str(label)) for v, label in self.choices if str(v) in wanted]

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        values = value if isinstance(value, (list, tuple)) else [value]
        widget = context["widget"]
        widget["chosen"] = self._chosen(values)
        widget["multiple"] = self.multiple
        widget["safe_name"] = re.sub(r"[^0-9A-Za-z_-]", "_", name)
        widget["search_url"] = reverse("members:pick")
        widget["scope"] = self.scope
        widget["placeholder"] = _("搜索姓名 / 拼音 / 首字母 / 卡号")
        return context

    def format_value(self, value):
        return value

    def use_required_attribute(self, initial):
        return False  # the radios appear only after a search; the form's own check says what is missing


class PeoplePicker(PersonPicker):
    allow_multiple_selected = True
    multiple = True

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked posts nothing: that is an empty choice, not a missing field

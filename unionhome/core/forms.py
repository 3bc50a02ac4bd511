"""Form widgets styled for Bootstrap, so each app's forms render with one shared partial."""
from __future__ import annotations

from django import forms

from unionhome.core.text import validate_visible_text


class BootstrapFormMixin:
    """Give every widget its Bootstrap class; templates render fields with ``core/_fields.html``.

    Every text field refuses control, zero-width and direction-override characters (``core.text``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(field, forms.CharField) and not isinstance(widget, forms.PasswordInput):
                field.validators.append(validate_visible_text)
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else ""
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if isinstance(widget, forms.DateInput):
                # the browser's date and month inputs take ISO only, in every language
                month = widget.input_type == "month"
                widget.input_type = "month" if month else "date"
                widget.format = "%Y-%m" if month else "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    """A month (``<input type="month">``, YYYY-MM); pair it with ``input_formats=["%Y-%m", "%Y-%m-%d"]``."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


def add_domain_error(form: forms.Form, exc, *, field: str | None = None) -> None:
    """Show a service's ``DomainError`` on the form: on ``field`` when given, else on the error's own field when
    the form has it, else on top. The one way an error reaches a form (``core.views.attempt`` calls it)."""
    name = field or exc.field
    form.add_error(name if name in form.fields else None, exc.message)


class QuantityField(forms.DecimalField):
    """A decimal quantity that is not money (training hours, 学时): one decimal place, never negative. Amounts of
    money are ``MoneyField`` (``core/money.py``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 1)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one field (Django's documented pattern): a plain ``FileField`` given the widget's list
    refuses it as "no file submitted". The service checks each file's bytes and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [clean_one(f, initial) for f in files]

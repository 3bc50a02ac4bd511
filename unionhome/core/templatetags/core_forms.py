"""The form-field filter every template has (a template builtin, see settings): ``{{ field|bs }}``."""
from django import template

register = template.Library()


@register.filter
def bs(field):
    """A field's widget with the Bootstrap class its type needs added to its own classes, and ``is-invalid``
    when the field has an error. Used by ``core/_field.html`` and by pages that lay out fields by hand."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", "")
    if kind in ("checkbox", "radio") or widget.__class__.__name__.startswith("CheckboxSelect"):
        css = "form-check-input"
    elif widget.__class__.__name__ in ("Select", "SelectMultiple"):
        css = "form-select"
    else:
        css = "form-control"
    classes = (widget.attrs.get("class") or "").split()
    classes += [c for c in [css, "is-invalid" if field.errors else ""] if c and c not in classes]
    return field.as_widget(attrs={"class": " ".join(classes)})

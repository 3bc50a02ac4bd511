from django import template

register = template.Library()


@register.filter
def bs(field):
    """Render a form field's widget with the Bootstrap class its type needs."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", "")
    if kind in ("checkbox", "radio") or widget.__class__.__name__.startswith("CheckboxSelect"):
        css = "form-check-input"
    elif widget.__class__.__name__ in ("Select", "SelectMultiple"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None

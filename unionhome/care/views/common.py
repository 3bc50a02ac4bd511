"""The platform's page plumbing under the names the care views use (``act``: a posted form runs a service and
comes back with its message; ``form_error``: a service's refusal shown on its form field), and the care-only
``household_error``."""
from unionhome.core.errors import DomainError
from unionhome.core.forms import add_domain_error as form_error
from unionhome.core.views import form_action as act

__all__ = ["act", "form_error", "household_error"]


def household_error(form, formset, exc: DomainError) -> None:
    """A domain error about one household row (``household-<i>-<field>``) goes next to that row."""
    prefix, _, rest = (exc.field or "").partition("-")
    index, _, name = rest.partition("-")
    if prefix == formset.prefix and index.isdigit():
        rows = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if int(index) < len(rows):
            row = rows[int(index)]
            row.add_error(name if name in row.fields else None, exc.message)
            return
    form_error(form, exc)

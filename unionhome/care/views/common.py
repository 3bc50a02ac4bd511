"""Shared page plumbing: run a POST action and come back with its message."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from unionhome.core.errors import DomainError


def act(request, form, call, *, ok: str, to: str):
    """Validate ``form``, run ``call(cleaned_data)``; a form or domain error becomes a message. Always redirects."""
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(to)
    try:
        call(form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, ok)
    return redirect(to)


def form_error(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


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

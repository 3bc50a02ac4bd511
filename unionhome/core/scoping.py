"""The one way to fetch a union's row: missing and not-yours both answer 404."""
from __future__ import annotations

from django.db import models
from django.http import Http404


def get_in_union_or_404(model_or_qs, union, **lookup) -> models.Model:
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs._default_manager.all()
    if union is None:
        raise Http404
    try:
        return qs.filter(union=union).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404

"""Reads of the suggestions: the board, the counts by status, the overdue ones, the author's own, the year's rows."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet

from unionhome.suggestions.models import Suggestion

OPEN = (Suggestion.Status.SUBMITTED, Suggestion.Status.ASSIGNED)


def suggestion_list(union, *, year: int | None = None, status: str = "") -> QuerySet[Suggestion]:
    rows = Suggestion.objects.filter(union=union).select_related("author", "group", "assignee")
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    return rows


def status_counts(union, year: int | None = None) -> list[dict]:
    """Every status with its count (zeros included), in the order of the suggestion's way."""
    rows = Suggestion.objects.filter(union=union)
    if year:
        rows = rows.filter(year=year)
    found = dict(rows.values_list("status").annotate(n=Count("id")))
    return [{"status": value, "label": str(label), "n": found.get(value, 0)} for value, label in Suggestion.Status.choices]


def overdue(union, today: dt.date) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(union=union, status__in=OPEN, answer_due__lt=today)


def mine(user) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(submitted_by=user).order_by("-created_at")


def assignee_choices(union):
    from unionhome.suggestions.services import MANAGER_ROLES

    return (get_user_model().objects.filter(role_assignments__union=union, role_assignments__role__in=MANAGER_ROLES)
            .distinct().select_related("profile__worker").order_by("username"))


def years(union) -> list[int]:
    return sorted(set(Suggestion.objects.filter(union=union).values_list("year", flat=True)), reverse=True)

"""Reads of the disclosures: the items, what is overdue (reviews, rectifications, the next scheduled inspection)."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from unionhome.core.rules import rule_value
from unionhome.disclosures.models import DisclosureItem, Inspection, Rectification
from unionhome.members.models import Worker

INSPECTOR_ROLES = ("committee", "women_committee", "auditor", "chair", "admin")


def item_list(union) -> QuerySet[DisclosureItem]:
    return DisclosureItem.objects.filter(union=union, retired=False)


def review_overdue(union, today: dt.date) -> QuerySet[DisclosureItem]:
    return item_list(union).filter(review_on__lt=today)


def rectifications_overdue(union, today: dt.date) -> QuerySet[Rectification]:
    return Rectification.objects.filter(union=union, status=Rectification.Status.OPEN, deadline__lt=today)


def open_rectifications(union) -> QuerySet[Rectification]:
    return (Rectification.objects.filter(union=union, status=Rectification.Status.OPEN)
            .select_related("owner", "finding__inspection", "finding__item"))


def inspection_due(union, today: dt.date) -> dt.date | None:
    """The date the next scheduled inspection is due (``disclosures.inspection_months`` after the last one held,
    surprise ones included), or None when nothing is published yet."""
    from unionhome.disclosures.services import months_after

    if not item_list(union).exists():
        return None
    last = (Inspection.objects.filter(union=union, status=Inspection.Status.DONE)
            .exclude(kind=Inspection.Kind.REINSPECTION).order_by("-held_on").values_list("held_on", flat=True).first())
    if last is None:
        first = item_list(union).order_by("published_on").values_list("published_on", flat=True).first()
        last = first
    return months_after(last, int(rule_value("disclosures.inspection_months", union=union, on=today)))


def inspection_list(union) -> QuerySet[Inspection]:
    return Inspection.objects.filter(union=union).prefetch_related("inspectors").select_related("reinspection_of")


def inspector_choices(union):
    return (get_user_model().objects.filter(role_assignments__union=union, role_assignments__role__in=INSPECTOR_ROLES)
            .distinct().select_related("profile__worker").order_by("username"))


def owner_choices(union) -> QuerySet[Worker]:
    """Who may be made responsible for a rectification: the union's officers (those holding an officer role)."""
    return (Worker.objects.filter(union=union, account__user__role_assignments__union=union,
                                  account__user__role_assignments__role__in=INSPECTOR_ROLES).distinct().order_by("name"))

"""Disclosure pages: members read what is published; officers keep its versions and reviews; inspectors work
through the checklist on a phone, record findings with photos and close rectifications on re-inspection."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core import uploads
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page
from unionhome.disclosures import queries, services
from unionhome.disclosures.forms import (
    CheckForm,
    CloseForm,
    FindingForm,
    FinishForm,
    InspectionForm,
    ItemForm,
    ReviseForm,
)
from unionhome.disclosures.models import DisclosureItem, FindingPhoto, Inspection, InspectionCheck, Rectification


@require("disclosures.view")
def item_list(request):
    union, today = request.ctx.union, timezone.localdate()
    manage = request.ctx.has("disclosures.manage")
    return render(request, "disclosures/list.html", {
        "items": queries.item_list(union), "can_manage": manage, "today": today,
        "review_overdue": queries.review_overdue(union, today).count() if manage else 0})


@require("disclosures.manage")
def item_new(request):
    form = ItemForm(request.POST or None)
    # a refusal comes back on the form with the typed text (form_page), never a redirect that loses it
    return form_page(request, form, lambda d: services.item_create(actor=request.user, union=request.ctx.union, **d),
                     template="core/form_page.html",
                     context={"title": _("新增公开事项"), "cancel_url": reverse("disclosures:list")},
                     ok=_("公开事项已发布"), to="disclosures:list")


def _item(request, pk) -> DisclosureItem:
    return get_in_union_or_404(DisclosureItem, request.ctx.union, pk=pk)


@require("disclosures.view")
def item_detail(request, pk: int):
    item = _item(request, pk)
    manage = request.ctx.has("disclosures.manage")
    return render(request, "disclosures/item.html", {
        "item": item, "versions": item.versions.all(), "can_manage": manage, "today": timezone.localdate(),
        "revise_form": ReviseForm(initial={"content": item.content, "place": item.place}) if manage else None})


@require_POST
@require("disclosures.manage")
def item_revise(request, pk: int):
    item = _item(request, pk)
    return form_action(request, ReviseForm(request.POST), lambda d: services.item_revise(
        actor=request.user, item=item, content=d["content"], note=d["note"], place=d["place"]),
        ok=_("已发布新版本"), to=reverse("disclosures:item", args=[item.pk]))


@require_POST
@require("disclosures.manage")
def item_review(request, pk: int):
    item = _item(request, pk)
    return button_action(request, lambda: services.item_reviewed(actor=request.user, item=item),
                         ok=_("已复核，内容无需变更"), to=reverse("disclosures:item", args=[item.pk]))


@require("disclosures.inspect")
def inspection_list(request):
    union, today = request.ctx.union, timezone.localdate()
    return render(request, "disclosures/inspections.html", {
        "inspections": queries.inspection_list(union), "open": queries.open_rectifications(union), "today": today,
        "due": queries.inspection_due(union, today), "can_manage": request.ctx.has("disclosures.manage")})


def _inspection_form(request, data=None):
    union = request.ctx.union
    return InspectionForm(data, inspectors=queries.inspector_choices(union),
                          inspections=Inspection.objects.filter(union=union, status=Inspection.Status.DONE))


@require("disclosures.manage")
def inspection_new(request):
    form = _inspection_form(request, request.POST or None)
    return form_page(request, form, lambda d: services.inspection_plan(actor=request.user, union=request.ctx.union, **d),
                     template="core/form_page.html",
                     context={"title": _("安排公开检查"), "cancel_url": reverse("disclosures:inspections")},
                     ok=_("已安排检查"), to="disclosures:inspections")


def _inspection(request, pk) -> Inspection:
    return get_in_union_or_404(Inspection, request.ctx.union, pk=pk)


def _finding_form(inspection, data=None, files=None):
    return FindingForm(data, files, items=queries.item_list(inspection.union),
                       owners=queries.owner_choices(inspection.union))


@require("disclosures.inspect")
def inspection_detail(request, pk: int):
    inspection = _inspection(request, pk)
    mine = inspection.inspectors.filter(pk=request.user.pk).exists()
    working = mine and inspection.status == Inspection.Status.PLANNED
    to_close = (Rectification.objects.filter(finding__inspection_id=inspection.reinspection_of_id,
                                             status=Rectification.Status.OPEN).select_related("finding__item", "owner")
                if inspection.reinspection_of_id else [])
    return render(request, "disclosures/inspection.html", {
        "i": inspection, "checks": inspection.checks.select_related("item"), "working": working,
        "findings": inspection.findings.select_related("item", "rectification__owner").prefetch_related("photos"),
        "to_close": to_close if working else [], "check_form": CheckForm(), "close_form": CloseForm(),
        "finding_form": _finding_form(inspection) if working else None, "finish_form": FinishForm() if working else None})


def _back(inspection_id) -> str:
    return reverse("disclosures:inspection", args=[inspection_id])


@require_POST
@require("disclosures.inspect")
def check_record(request, pk: int):
    check = get_in_union_or_404(InspectionCheck.objects.select_related("inspection"), request.ctx.union, pk=pk)
    return form_action(request, CheckForm(request.POST), lambda d: services.check_record(
        actor=request.user, check=check, result=d["result"], note=d["note"]), ok=_("已记录"),
        to=_back(check.inspection_id) + f"#c{check.pk}")


@require_POST
@require("disclosures.inspect")
def finding_add(request, pk: int):
    inspection = _inspection(request, pk)
    return form_action(request, _finding_form(inspection, request.POST, request.FILES), lambda d: services.finding_record(
        actor=request.user, inspection=inspection, item=d["item"], text=d["text"], photos=d["photos"],
        demand=d["demand"], owner=d["owner"], deadline=d["deadline"]), ok=_("已记录问题和整改要求"), to=_back(inspection.pk))


@require_POST
@require("disclosures.inspect")
def inspection_finish(request, pk: int):
    inspection = _inspection(request, pk)
    return form_action(request, FinishForm(request.POST), lambda d: services.inspection_finish(
        actor=request.user, inspection=inspection, summary=d["summary"]), ok=_("检查已完成"), to=_back(inspection.pk))


@require_POST
@require("disclosures.inspect")
def rectification_close(request, pk: int, rpk: int):
    inspection = _inspection(request, pk)
    rectification = get_in_union_or_404(Rectification, request.ctx.union, pk=rpk)
    return form_action(request, CloseForm(request.POST), lambda d: services.rectification_close(
        actor=request.user, rectification=rectification, inspection=inspection, note=d["note"]),
        ok=_("整改已复查确认"), to=_back(inspection.pk))


@require("disclosures.inspect")
def finding_photo(request, pk: int):
    photo = get_in_union_or_404(FindingPhoto, request.ctx.union, pk=pk)
    return uploads.stored_file_response(photo.file, content_type=photo.content_type)

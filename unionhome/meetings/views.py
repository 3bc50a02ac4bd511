"""Meeting and rules-library pages: a chair runs a meeting on a phone from agenda to minutes; members read the
rules in force. Posted buttons and forms go through ``core.views.button_action`` / ``form_action``."""
from __future__ import annotations

import mimetypes

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action
from unionhome.meetings import forms, queries, services
from unionhome.meetings.documents import minutes_filename
from unionhome.meetings.models import AgendaItem, Attendee, Decision, Goal, Meeting, Regulation


class AfterCall:
    """A redirect target known only once the service has run (the new meeting's page); ``fallback`` when it
    failed. ``redirect()`` asks ``get_absolute_url`` after ``button_action`` has called the service."""

    def __init__(self, fallback: str):
        self.url = fallback

    def get_absolute_url(self) -> str:
        return self.url


def _meeting(request, pk) -> Meeting:
    return get_in_union_or_404(Meeting, request.ctx.union, pk=pk)


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


@require("meetings.view")
def meeting_list(request):
    year = _year(request)
    union = request.ctx.union
    return render(request, "meetings/list.html", {
        "meetings": queries.meeting_list(union, year=year), "year": year,
        "special_held": queries.held_in_year(union, Meeting.Kind.SPECIAL, year),
        "congress_held": queries.held_in_year(union, Meeting.Kind.CONGRESS, year),
        "overdue": queries.decisions_overdue(union).count()})


def _create_call(request, target, form_class, service, to_url, **form_kwargs):
    """A create page: bad input is shown on the form; a valid one runs the service through ``button_action``
    and lands on the new record's page (or back here, with the service's message)."""
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        def call():
            target.url = to_url(service(form.cleaned_data))
        return button_action(request, call, ok=_("已保存"), to=target)
    return form


@require("meetings.manage")
def meeting_create(request):
    union = request.ctx.union
    target = AfterCall(reverse("meetings:create"))
    result = _create_call(
        request, target, forms.MeetingForm,
        lambda d: services.meeting_create(actor=request.user, union=union, **d),
        lambda m: reverse("meetings:detail", args=[m.pk]), union=union)
    if not isinstance(result, forms.MeetingForm):
        return result
    return render(request, "core/form_page.html", {"form": result, "title": _("新建会议"),
                                                   "intro": _("参会人员按会议类别自动列出：委员会本届委员、小组成员或会员代表。"),
                                                   "cancel_url": reverse("meetings:list")})


@require("meetings.view")
def meeting_detail(request, pk: int):
    m = _meeting(request, pk)
    union = request.ctx.union
    view = queries.meeting_view(m)
    can_manage = request.ctx.has("meetings.manage") and m.status != Meeting.Status.CLOSED
    return render(request, "meetings/detail.html", {
        "view": view, "m": m, "can_manage": can_manage,
        "item_form": forms.AgendaItemForm() if can_manage else None,
        "attendee_form": forms.AttendeeForm(union=union) if can_manage else None,
        "decision_forms": {i.pk: forms.DecisionForm(union=union, prefix=f"i{i.pk}") for i in view.items}
        if can_manage else {},
        "close_form": forms.CloseForm(initial={"summary": m.summary}) if can_manage else None,
        "scan_form": forms.ScanForm() if request.ctx.has("meetings.manage") and m.status == Meeting.Status.CLOSED
        else None})


def _to(m: Meeting, anchor: str = "") -> str:
    return reverse("meetings:detail", args=[m.pk]) + anchor


@require_POST
@require("meetings.manage")
def item_add(request, pk: int):
    m = _meeting(request, pk)
    return form_action(request, forms.AgendaItemForm(request.POST),
                       lambda d: services.agenda_item_add(actor=request.user, meeting=m, **d),
                       ok=_("已加入议程"), to=_to(m, "#agenda"))


@require_POST
@require("meetings.manage")
def item_notes(request, pk: int, item_pk: int):
    m = _meeting(request, pk)
    item = get_in_union_or_404(AgendaItem.objects.filter(meeting=m), request.ctx.union, pk=item_pk)
    return form_action(request, forms.NotesForm(request.POST),
                       lambda d: services.agenda_item_notes(actor=request.user, item=item, **d),
                       ok=_("已记录讨论情况"), to=_to(m, f"#item-{item.pk}"))


@require_POST
@require("meetings.manage")
def attendee_add(request, pk: int):
    m = _meeting(request, pk)
    return form_action(request, forms.AttendeeForm(request.POST, union=request.ctx.union),
                       lambda d: services.attendee_add(actor=request.user, meeting=m, **d),
                       ok=_("已增加参会人员"), to=_to(m, "#attendance"))


@require_POST
@require("meetings.manage")
def attendance_mark(request, pk: int, attendee_pk: int):
    m = _meeting(request, pk)
    attendee = get_in_union_or_404(Attendee.objects.filter(meeting=m), request.ctx.union, pk=attendee_pk)
    return form_action(request, forms.AttendanceForm(request.POST),
                       lambda d: services.attendance_mark(actor=request.user, attendee=attendee, **d),
                       ok=_("%(name)s：已点名") % {"name": attendee.worker.name}, to=_to(m, f"#att-{attendee.pk}"))


@require_POST
@require("meetings.manage")
def attendance_rest(request, pk: int):
    m = _meeting(request, pk)
    return button_action(request, lambda: services.attendance_mark_rest(actor=request.user, meeting=m),
                         ok=_("其余人员已记为出席"), to=_to(m, "#attendance"))


@require_POST
@require("meetings.manage")
def decision_add(request, pk: int, item_pk: int):
    m = _meeting(request, pk)
    item = get_in_union_or_404(AgendaItem.objects.filter(meeting=m), request.ctx.union, pk=item_pk)
    form = forms.DecisionForm(request.POST, union=request.ctx.union, prefix=f"i{item.pk}")
    return form_action(request, form, lambda d: services.decision_record(actor=request.user, item=item, **d),
                       ok=_("已记录决定"), to=_to(m, f"#item-{item.pk}"))


@require_POST
@require("meetings.manage")
def meeting_close(request, pk: int):
    m = _meeting(request, pk)
    return form_action(request, forms.CloseForm(request.POST),
                       lambda d: services.meeting_close(actor=request.user, meeting=m, **d),
                       ok=_("纪要已定稿，可下载会议纪要"), to=_to(m))


@require("meetings.view")
def minutes_docx(request, pk: int):
    m = _meeting(request, pk)
    content = services.minutes_export(actor=request.user, meeting=m)
    return attachment(content, minutes_filename(queries.meeting_view(m)), fallback=f"minutes-{m.pk}.docx")


@require_POST
@require("meetings.manage")
def scan_upload(request, pk: int):
    m = _meeting(request, pk)
    form = forms.ScanForm(request.POST, request.FILES)
    return form_action(request, form, lambda d: services.scan_attach(actor=request.user, meeting=m, upload=d["scan"]),
                       ok=_("已上传签字纪要"), to=_to(m), invalid=_("请选择扫描件"))


@require("meetings.view")
def scan_download(request, pk: int):
    m = _meeting(request, pk)
    if not m.scan:
        raise Http404
    content_type = mimetypes.guess_type(m.scan.name)[0] or "application/octet-stream"
    response = FileResponse(m.scan.open("rb"), content_type=content_type)
    response["Content-Disposition"] = f"inline; filename=minutes-{m.pk}.{m.scan.name.rsplit('.', 1)[-1]}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require("meetings.view")
def decision_list(request):
    union = request.ctx.union
    return render(request, "meetings/decisions.html", {
        "decisions": queries.decisions_open(union), "today": timezone.localdate(),
        "done_form": forms.DoneForm() if request.ctx.has("meetings.manage") else None})


@require_POST
@require("meetings.manage")
def decision_done(request, decision_pk: int):
    decision = get_in_union_or_404(Decision, request.ctx.union, pk=decision_pk)
    return form_action(request, forms.DoneForm(request.POST),
                       lambda d: services.decision_done(actor=request.user, decision=decision, **d),
                       ok=_("已记录落实情况"), to=reverse("meetings:decisions"))


# --- The rules library ---------------------------------------------------------------------------------------

@require("regulations.view")
def regulation_list(request):
    return render(request, "meetings/regulations.html", {"rows": queries.regulation_list(request.ctx.union)})


@require("regulations.manage")
def regulation_create(request):
    union = request.ctx.union
    target = AfterCall(reverse("meetings:regulation_create"))
    result = _create_call(
        request, target, forms.RegulationForm,
        lambda d: services.regulation_create(actor=request.user, union=union, **d),
        lambda r: reverse("meetings:regulation", args=[r.pk]), decisions=queries.adopted_decisions(union))
    if not isinstance(result, forms.RegulationForm):
        return result
    return render(request, "core/form_page.html", {"form": result, "title": _("新建制度"),
                                                   "cancel_url": reverse("meetings:regulations")})


@require("regulations.view")
def regulation_detail(request, pk: int):
    regulation = get_in_union_or_404(Regulation, request.ctx.union, pk=pk)
    versions = queries.versions_of(regulation)
    current = queries.current_version(regulation, versions=versions)
    by_number = {v.number: v for v in versions}
    new_n = request.GET.get("b", "")
    new = by_number.get(int(new_n)) if new_n.isdigit() and len(new_n) < 5 else (current or (versions[0] if versions else None))
    old = by_number.get(new.number - 1) if new is not None else None
    diff = queries.version_diff(old, new) if old and new else []
    return render(request, "meetings/regulation.html", {
        "regulation": regulation, "versions": versions, "current": current, "new": new, "old": old, "diff": diff,
        "can_manage": request.ctx.has("regulations.manage")})


@require("regulations.manage")
def version_add(request, pk: int):
    regulation = get_in_union_or_404(Regulation, request.ctx.union, pk=pk)
    target = AfterCall(reverse("meetings:version_add", args=[pk]))
    current = queries.current_version(regulation) or regulation.versions.order_by("-number").first()
    result = _create_call(
        request, target, forms.VersionForm,
        lambda d: services.regulation_version_add(actor=request.user, regulation=regulation, **d),
        lambda v: reverse("meetings:regulation", args=[regulation.pk]),
        decisions=queries.adopted_decisions(request.ctx.union), initial={"text": current.text if current else ""})
    if not isinstance(result, forms.VersionForm):
        return result
    return render(request, "core/form_page.html", {
        "form": result, "title": _("修订：%(title)s") % {"title": regulation.title},
        "intro": _("新版本自施行日期起取代现行版本；施行日期须晚于上一版本。"),
        "cancel_url": reverse("meetings:regulation", args=[regulation.pk])})


@require("meetings.view")
def goal_list(request):
    union = request.ctx.union
    year = _year(request)
    manage = request.ctx.has("regulations.manage")
    form = forms.GoalForm(request.POST or None, union=union, year=year) if manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        return form_action(request, form,
                           lambda d: services.goal_set(actor=request.user, union=union, year=year, **d),
                           ok=_("已添加目标"), to=reverse("meetings:goals") + f"?year={year}")
    return render(request, "meetings/goals.html", {"goals": queries.goal_list(union, year=year), "year": year,
                                                   "form": form, "statuses": Goal.Status.choices})


@require_POST
@require("regulations.manage")
def goal_status(request, goal_pk: int):
    goal = get_in_union_or_404(Goal, request.ctx.union, pk=goal_pk)
    return form_action(request, forms.GoalStatusForm(request.POST),
                       lambda d: services.goal_status_set(actor=request.user, goal=goal, **d),
                       ok=_("已更新"), to=reverse("meetings:goals") + f"?year={goal.year}")

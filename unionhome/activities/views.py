"""Pages of activities: members on phones (list → 报名, two taps), officers with tables and exports."""
from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.activities import exports, queries
from unionhome.activities.forms import ActivityForm, CheckinForm, CostForm, PhotoForm, WorkerPickForm
from unionhome.activities.models import Activity, ActivityPhoto, Invitation, Signup
from unionhome.activities.services import (
    activity_cancel,
    activity_create,
    activity_update,
    cost_record,
    eligibility_problem,
    invitation_create,
    invitation_respond,
    photo_add,
    series_create,
    signup_add,
    signup_cancel,
    signup_check_in,
    signup_create,
)
from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.permissions import require
from unionhome.core.qr import qr_svg
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, button_action, form_action, form_page
from unionhome.members.models import Worker


def _activity(request, pk):
    return get_in_union_or_404(Activity.objects.all(), request.ctx.union, pk=pk)


@require("activities.view")
def activity_list(request):
    upcoming = queries.upcoming_for_members(request.ctx.union)
    mine = {s.activity_id: s for s in queries.member_history(request.ctx.union, request.ctx.worker_id or 0)
            .exclude(status=Signup.Status.CANCELLED)}
    year = timezone.localdate().year
    past = queries.activity_list(request.ctx.union, year=year).filter(ends_at__lt=timezone.now())
    return render(request, "activities/list.html", {"upcoming": upcoming, "past": past, "mine": mine})


@require("activities.view")
def activity_detail(request, pk: int):
    activity = _activity(request, pk)
    worker = Worker.objects.filter(union=request.ctx.union, pk=request.ctx.worker_id).select_related(
        "membership").first()
    signup = queries.signup_live_for(activity, request.ctx.worker_id)
    invitation = Invitation.objects.filter(activity=activity, worker_id=request.ctx.worker_id or 0).first()
    return render(request, "activities/detail.html", {
        "activity": activity, "signup": signup, "invitation": invitation,
        "position": queries.waitlist_position(signup) if signup else None,
        "problem": eligibility_problem(activity, worker) if worker else _("账号未关联职工，不能报名"),
        "form_token": uuid.uuid4().hex, "photos": activity.photos.all(),
        "series": queries.series_occurrences(activity), "today": timezone.localdate(),
        "organisers": activity.organisers.all(), "now": timezone.now()})


@require_POST
@require("activities.view")
def signup_view(request, pk: int):
    """The second tap. The page's one-time token makes a double tap or a resubmit harmless."""
    activity = _activity(request, pk)
    worker = Worker.objects.filter(union=request.ctx.union, pk=request.ctx.worker_id).select_related(
        "membership").first()
    if worker is None:
        messages.error(request, _("账号未关联职工，不能报名"))
        return redirect("activities:detail", pk=pk)
    return button_action(request, lambda: signup_create(
        actor=request.user, activity=activity, worker=worker,
        idempotency_key=(request.POST.get("form_token") or "")[:64] or None),
        ok=lambda signup: _("报名成功") if signup.status == Signup.Status.ACCEPTED else (
            messages.WARNING, _("名额已满，您已进入候补（第%(waitlist_position)s位）") % {"waitlist_position": queries.waitlist_position(signup)}),
        to=reverse("activities:detail", args=[pk]))


@require_POST
@require("activities.view")
def cancel_view(request, pk: int):
    qs = Signup.objects.all() if request.ctx.has("activities.manage") else Signup.objects.filter(
        worker_id=request.ctx.worker_id or 0)
    signup = get_in_union_or_404(qs, request.ctx.union, pk=pk)
    back = ("activities:roster" if request.POST.get("next") == "roster" and request.ctx.has("activities.manage")
            else "activities:detail")
    return button_action(request, lambda: signup_cancel(actor=request.user, signup=signup), ok=_("已取消报名"),
                         to=reverse(back, args=[signup.activity_id]))


@require("activities.view")
def qr_view(request, pk: int):
    """The member's check-in QR as SVG, drawn on the server (no script, no other host)."""
    signup = get_in_union_or_404(Signup.objects.filter(worker_id=request.ctx.worker_id or 0,
                                                       status=Signup.Status.ACCEPTED), request.ctx.union, pk=pk)
    response = HttpResponse(qr_svg(signup.checkin_code), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@require("activities.view")
def invitation_view(request, pk: int):
    invitation = get_in_union_or_404(Invitation.objects.filter(worker_id=request.ctx.worker_id or 0),
                                     request.ctx.union, pk=pk)
    return button_action(request, lambda: invitation_respond(
        actor=request.user, invitation=invitation, accept=request.POST.get("answer") == "accept"),
        ok=_("已回复邀请"), to=reverse("activities:detail", args=[invitation.activity_id]))


@require("activities.view")
def my_history(request):
    rows = queries.member_history(request.ctx.union, request.ctx.worker_id or 0)
    return render(request, "activities/mine.html", {"rows": rows})


@require("activities.view")
def photo_view(request, pk: int):
    photo = get_in_union_or_404(ActivityPhoto.objects.all(), request.ctx.union, pk=pk)
    return uploads.stored_file_response(photo.file, content_type=photo.content_type)


# --- Officers -------------------------------------------------------------------------------------

def _activity_kwargs(data: dict) -> dict:
    data = dict(data)
    data["budget"] = data.get("budget") or 0
    return data


@require("activities.manage")
def activity_new(request):
    form = ActivityForm(request.POST or None, union=request.ctx.union, initial={"waitlist": True})

    def publish(d):
        data = _activity_kwargs(form.activity_data())
        if d.get("repeat"):
            series = series_create(actor=request.user, union=request.ctx.union, quotas=form.quotas(),
                                   frequency=d["repeat"], occurrences=d["occurrences"], **data)
            return series, queries.series_occurrences_of(series).first()
        return None, activity_create(actor=request.user, union=request.ctx.union, quotas=form.quotas(), **data)
    return form_page(request, form, publish, template="activities/form.html", context={"title": _("新建活动")},
                     ok=lambda done: (_("系列活动已发布，共 %(n)s 次") % {"n": done[0].occurrences} if done[0]
                                      else _("活动已发布")),
                     to=lambda done: reverse("activities:roster", args=[done[1].pk]))


@require("activities.manage")
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    initial = {f: getattr(activity, f) for f in ActivityForm.base_fields
               if f not in ("organisers", "repeat", "occurrences")}
    initial["organisers"] = list(activity.organisers.all())
    initial.update({f"quota_{q.group_id}": q.places for q in activity.quotas.all()})
    form = ActivityForm(request.POST or None, union=request.ctx.union, initial=initial, series=False)

    def save(_d):
        data = _activity_kwargs(form.activity_data())
        activity_update(actor=request.user, activity=activity, organisers=data.pop("organisers"),
                        quotas=form.quotas(), **data)
    return form_page(request, form, save, template="activities/form.html",
                     context={"title": _("修改：%(title)s") % {"title": activity.title}}, ok=_("已保存"),
                     to=reverse("activities:roster", args=[pk]))


@require("activities.manage")
def roster(request, pk: int):
    activity = _activity(request, pk)
    return render(request, "activities/roster.html", {
        "activity": activity, "accepted": queries.signup_accepted(activity),
        "waitlist": queries.signup_waitlist(activity),
        "invitations": activity.invitations.select_related("worker"),
        "costs": queries.costs_with_vouchers(activity), "photos": activity.photos.all(), "quotas": activity.quotas.select_related("group"),
        "pick": WorkerPickForm(union=request.ctx.union), "cost_form": CostForm(initial={"on": timezone.localdate()}),
        "photo_form": PhotoForm(), "actual": sum(c.amount for c in activity.costs.all())})


@require_POST
@require("activities.manage")
def activity_cancel_view(request, pk: int):
    """Cancel this activity (one occurrence of a series: the others stay as they are)."""
    activity = _activity(request, pk)
    return button_action(request, lambda: activity_cancel(actor=request.user, activity=activity,
                                                          reason=(request.POST.get("reason") or "")[:200]),
                         ok=_("活动已取消"), to=reverse("activities:roster", args=[pk]))


@require("activities.group_signups")
def group_signups(request, pk: int):
    """A group leader sees the sign-ups of their own group's members (and who has checked in)."""
    activity = _activity(request, pk)
    return render(request, "activities/group_signups.html", {
        "activity": activity, "rows": queries.signup_of_groups(activity, request.ctx.group_ids)})


@require("activities.manage")
def roster_export(request, pk: int):
    activity = _activity(request, pk)
    rows = Signup.objects.filter(activity=activity).exclude(status=Signup.Status.CANCELLED).select_related(
        "worker", "group").order_by("status", "created_at")
    data = exports.roster_xlsx(activity, rows)
    audit_log(actor=request.user, action="activities.roster.exported", target=activity, note=_("%(len)s 行") % {"len": len(rows)})
    return exports.xlsx_response(data, _("报名名单-%(pk)s.xlsx") % {"pk": activity.pk})


@require_POST
@require("activities.manage")
def add_person(request, pk: int):
    activity = _activity(request, pk)
    form = WorkerPickForm(request.POST, union=request.ctx.union)
    if request.POST.get("as") == "invite":
        return form_action(request, form, lambda d: invitation_create(
            actor=request.user, activity=activity, worker=d["worker"]),
            ok=lambda _i: _("已邀请 %(name)s") % {"name": form.cleaned_data["worker"].name}, invalid=_("请选择人员"),
            to=reverse("activities:roster", args=[pk]))
    return form_action(request, form, lambda d: signup_add(actor=request.user, activity=activity, worker=d["worker"]),
                       ok=lambda s: _("已添加 %(name)s（%(get_status_display)s）") % {
                           "name": s.worker.name, "get_status_display": s.get_status_display()}, invalid=_("请选择人员"),
                       to=reverse("activities:roster", args=[pk]))


@require("activities.checkin")
def checkin(request, pk: int):
    """The officer's check-in: a code typed or scanned (a scanner types it), or a tap on the list."""
    activity = _activity(request, pk)
    form = CheckinForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("signup"):
            target = get_in_union_or_404(Signup.objects.filter(activity=activity), request.ctx.union,
                                         pk=request.POST["signup"])
            outcome = attempt(lambda: signup_check_in(actor=request.user, activity=activity, signup=target),
                              request=request)
        elif form.is_valid():
            outcome = attempt(lambda: signup_check_in(actor=request.user, activity=activity,
                                                      code=form.cleaned_data["code"]), request=request)
        else:
            outcome = None
        if outcome:
            messages.success(request, _("%(name)s 签到成功") % {"name": outcome.value.worker.name})
            return redirect("activities:checkin", pk=pk)
    accepted = queries.signup_accepted(activity)
    done = sum(1 for s in accepted if s.checked_in_at)
    return render(request, "activities/checkin.html", {"activity": activity, "form": CheckinForm(),
                                                         "accepted": accepted, "done": done})


@require_POST
@require("activities.manage")
def cost_add(request, pk: int):
    activity = _activity(request, pk)
    return form_action(request, CostForm(request.POST), lambda d: cost_record(
        actor=request.user, activity=activity, **d), ok=_("支出已记录"), invalid=_("请填写日期和金额"),
        to=reverse("activities:roster", args=[pk]))


@require_POST
@require("activities.manage")
def photo_upload(request, pk: int):
    activity = _activity(request, pk)
    return form_action(request, PhotoForm(request.POST, request.FILES), lambda d: photo_add(
        actor=request.user, activity=activity, upload=d["file"], caption=d["caption"]),
        ok=_("照片已上传"), invalid=_("请选择照片"), to=reverse("activities:roster", args=[pk]))


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@require("activities.stats")
def stats(request):
    year = _year(request)
    union = request.ctx.union
    return render(request, "activities/stats.html", {
        "year": year, "years": queries.years_with_activities(union), "total": queries.stats_year(union, year),
        "by_activity": queries.stats_by_activity(union, year), "by_group": queries.stats_by_group(union, year),
        "by_member": queries.stats_by_member(union, year)[:200],
        # an auditor checks the figures: each activity's name opens what they may see (its page), not the roster
        "can_manage": request.ctx.has("activities.manage"), "can_view": request.ctx.has("activities.view")})


@require("activities.stats")
def stats_export(request):
    year = _year(request)
    union = request.ctx.union
    data = exports.stats_xlsx(year, queries.stats_by_activity(union, year), queries.stats_by_group(union, year),
                              queries.stats_by_member(union, year))
    audit_log(actor=request.user, action="activities.stats.exported", union=union, note=str(year))
    return exports.xlsx_response(data, _("活动参与统计-%(year)s.xlsx") % {"year": year})

"""入会申请 pages: the public application form behind the union's link, and the committee's list and decisions."""
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.middleware import client_ip
from unionhome.core.permissions import require
from unionhome.core.qr import qr_svg
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, button_action, form_action, form_page
from unionhome.members.forms import JoinApplicationForm, JoinDecideForm, JoinDeclineForm
from unionhome.members.models import JoinApplication
from unionhome.members.queries import join_applications, join_link_of
from unionhome.members.services_join import (
    join_application_approve,
    join_application_decline,
    join_application_submit,
    join_link_active,
    join_link_renew,
)


def join_apply_view(request, token: str):
    """Open to anyone holding the union's link (no account yet); a retired or unknown link says so."""
    found = attempt(lambda: join_link_active(token))
    if not found:
        return render(request, "members/join_apply.html", {"refused": found.message}, status=404)
    link = found.value
    form = JoinApplicationForm(request.POST or None, union=link.union)
    return form_page(request, form, lambda d: join_application_submit(link=link, **d, address=client_ip(request)),
                     to=lambda _application: render(request, "members/join_apply.html",
                                                     {"union": link.union, "done": True}),
                     template="members/join_apply.html", context={"union": link.union})


def _link_url(request, link) -> str:
    return request.build_absolute_uri(reverse("members:join_apply", args=[link.token])) if link else ""


@require("members.manage")
def join_list_view(request):
    union = request.ctx.union
    link = join_link_of(union)
    status = request.GET.get("status", "submitted")
    if status not in JoinApplication.Status.values:
        status = "submitted"
    return render(request, "members/join_list.html", {
        "link": link, "link_url": _link_url(request, link), "status": status, "statuses": JoinApplication.Status.choices,
        "applications": join_applications(union, status), "decide_form": JoinDecideForm(),
        "decline_form": JoinDeclineForm()})


@require("members.manage")
def join_link_qr_view(request):
    link = join_link_of(request.ctx.union)
    if link is None:
        return redirect("members:join_list")
    response = HttpResponse(qr_svg(_link_url(request, link)), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@require("members.manage")
def join_link_renew_view(request):
    return button_action(request, lambda: join_link_renew(actor=request.user, union=request.ctx.union),
                         ok=_("已发布新的入会申请链接，旧链接停止使用"), to="members:join_list")


@require_POST
@require("members.manage")
def join_approve_view(request, pk: int):
    application = get_in_union_or_404(JoinApplication, request.ctx.union, pk=pk)
    return form_action(request, JoinDecideForm(request.POST),
                       lambda d: join_application_approve(actor=request.user, application=application, **d),
                       ok=_("已批准入会。账号已开通：本人可凭会员证号、身份证号后6位和手机号在“激活账号”页自行激活"),
                       to="members:join_list")


@require_POST
@require("members.manage")
def join_decline_view(request, pk: int):
    application = get_in_union_or_404(JoinApplication, request.ctx.union, pk=pk)
    return form_action(request, JoinDeclineForm(request.POST),
                       lambda d: join_application_decline(actor=request.user, application=application, **d),
                       ok=_("已答复不予批准"), to="members:join_list")



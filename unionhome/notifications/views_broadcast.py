"""通知公告 pages: send a notice to the union or a group (a large one runs in the background with a progress bar),
the notices sent, and one notice (what the members' messages link to)."""
from django.shortcuts import render
from django.utils.translation import gettext as _

from unionhome.core.permissions import login_only, require
from unionhome.core.views import form_action
from unionhome.notifications import queries
from unionhome.notifications.forms import BroadcastForm
from unionhome.notifications.services_broadcast import WHOLE_UNION, broadcast_start


def _form(request):
    ctx = request.ctx
    whole = ctx.has_role(*WHOLE_UNION)
    groups = queries.broadcast_groups(ctx.union, None if whole else ctx.group_ids)
    return BroadcastForm(request.POST or None, groups=groups, whole_union=whole)


@require("notifications.broadcast")
def broadcast_list(request):
    form = _form(request)
    if request.method == "POST":
        return form_action(request, form, lambda data: broadcast_start(
            actor=request.user, union=request.ctx.union, group=data["group"], title=data["title"],
            body=data["body"]), ok=_("通知已发出；收件人很多时在后台发送，进度见下方"), to="notifications:broadcasts")
    ctx = request.ctx
    return render(request, "notifications/broadcasts.html", {
        "form": form, "broadcasts": queries.broadcasts_sent(ctx.union, None if ctx.has_role(*WHOLE_UNION)
                                                            else ctx.group_ids),
        "sending": queries.broadcasts_sending(request.user, ctx.union)})


@login_only
def broadcast_detail(request, pk: int):
    broadcast = queries.broadcast_in_union_or_404(request.ctx.union, pk)
    return render(request, "notifications/broadcast_detail.html", {"broadcast": broadcast})

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.permissions import login_only
from unionhome.core.views import form_page
from unionhome.notifications import queries, services
from unionhome.notifications.forms import PreferenceForm


@login_only
def inbox(request):
    page = Paginator(queries.inbox_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_only
def open_view(request, pk: int):
    """Follow a message's link, marking it read on the way."""
    notification = queries.own_notification_or_404(request.user, pk)
    services.notification_read(actor=request.user, notification=notification)
    return redirect(notification.link or "notifications:inbox")


@require_POST
@login_only
def read_view(request, pk: int):
    services.notification_read(actor=request.user, notification=queries.own_notification_or_404(request.user, pk))
    return redirect("notifications:inbox")


@require_POST
@login_only
def read_all_view(request):
    n = services.notification_read_all(actor=request.user)
    messages.success(request, _("已将%(n)s条消息标为已读") % {"n": n})
    return redirect("notifications:inbox")


@login_only
def preferences(request):
    available = services.available_channels()
    form = PreferenceForm(request.POST if request.method == "POST" else None, available=available,
                          initial={"channels": queries.channels_of(request.user)})
    return form_page(request, form, lambda d: services.preference_set(
        actor=request.user, user=request.user, channels=d["channels"]),
        ok=_("接收渠道已保存"), to="notifications:preferences", template="notifications/preferences.html",
        context={"available": available})

"""What activities tell members (notifications): the event kinds and the wording of each message."""
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhome.core.statements import built_once
from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify, notify_member

event_kind("activities.signup_confirmed", _("活动报名成功"))
event_kind("activities.signup_waitlisted", _("活动候补"))
event_kind("activities.signup_promoted", _("候补转正"))
event_kind("activities.signup_cancelled", _("活动报名已取消"))
event_kind("activities.invited", _("活动邀请"))

_WORDS = {
    "activities.signup_confirmed": (_("报名成功：{t}"), _("您已报名{t}，活动时间{at}。")),
    "activities.signup_waitlisted": (_("已候补：{t}"), _("{t}名额已满，您已在候补名单中；有名额空出时按顺序递补并通知您。")),
    "activities.signup_promoted": (_("候补转正：{t}"), _("{t}有名额空出，您已由候补转为正式报名，活动时间{at}。")),
    "activities.signup_cancelled": (_("报名已取消：{t}"), _("您在{t}的报名已取消。")),
}


def detail_link(activity_id: int) -> str:
    """The activity's page, as ``reverse("activities:detail")`` gives it, from a prefix reversed once per process
    (and script prefix): the sign-up burst writes one per confirmation."""
    before, after = built_once(("activities:detail", get_script_prefix()),
                               lambda: reverse("activities:detail", args=[4242424242]).split("4242424242"))
    return f"{before}{activity_id}{after}"


def tell_signup(signup, event: str, activity=None) -> None:
    """Tell the member signed up (``signup.worker``) what became of their sign-up."""
    activity = activity or signup.activity
    title, body = _WORDS[event]
    at = f"{timezone.localtime(activity.starts_at):%Y-%m-%d %H:%M}"  # Asia/Shanghai, as the member reads it
    notify_member(worker_id=signup.worker_id, event=event, union=activity.union, link=detail_link(activity.pk),
                  title=title.format(t=activity.title, at=at), body=body.format(t=activity.title, at=at))


def tell_invited(invitation) -> None:
    """The member invited (e.g. as a representative at a joint event) learns of it and answers from the link."""
    from unionhome.members.models import Worker

    activity = invitation.activity
    at = f"{timezone.localtime(activity.starts_at):%Y-%m-%d %H:%M}"
    notify(recipients=Worker.objects.filter(pk=invitation.worker_id), event="activities.invited", union=activity.union,
           link=reverse("activities:detail", args=[activity.pk]), title=str(_("活动邀请：%(t)s") % {"t": activity.title}),
           body=str(_("工会邀请您参加%(t)s，活动时间%(at)s。请打开活动页面接受或谢绝。") % {"t": activity.title, "at": at}))

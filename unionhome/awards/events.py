"""What the year-end evaluation tells members (notifications)."""
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("awards.published", _("年终评选结果公示"))


def tell_published(round) -> None:
    """Every active member learns that the list is in 公示 and until when they may object."""
    from unionhome.members.models import Worker

    notify(recipients=Worker.objects.filter(union=round.union).active_members(), event="awards.published",
           union=round.union, link=reverse("awards:round", kwargs={"pk": round.pk}),
           title=gettext("%(title)s结果公示") % {"title": round.title},
           body=gettext("公示期至%(day)s，如有异议请在公示期内提出。") % {"day": format(round.publicity_ends_on, "%Y-%m-%d")})

"""The notifications' long job: a notice to thousands of members, with a progress bar (``unionhome.jobs``)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.jobs.registry import Outcome, runner
from unionhome.notifications.services_broadcast import broadcast_send


@runner("notifications.broadcast", _("发送通知公告"))
def broadcast_job(*, job, progress) -> Outcome:
    from unionhome.org.models import UnionGroup

    p = job.params
    group = UnionGroup.objects.filter(union=job.union, pk=p["group"]).first() if p.get("group") else None
    broadcast = broadcast_send(actor=job.created_by, union=job.union, group=group, title=p["title"],
                               body=p.get("body", ""),
                               progress=lambda done, total: progress(done, total, _("写入消息")))
    return Outcome(message=_("已发送给 %(n)s 人") % {"n": broadcast.recipients},
                   next_url=reverse("notifications:broadcast_detail", args=[broadcast.pk]))

"""What group study tells members (notifications): the leader's review of their reflection."""
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("study.reflection_reviewed", _("心得体会已审阅"))


def tell_reviewed(reflection) -> int:
    """The member learns that the group leader accepted their reflection or asks them to revise it (and why)."""
    session = reflection.session
    values = {"day": format(session.held_on, "%Y-%m-%d"), "topic": session.topic}
    if reflection.status == reflection.Status.ACCEPTED:
        title = gettext("你%(day)s“%(topic)s”的心得体会已通过审阅") % values
        body = reflection.review_comment
    else:
        title = gettext("你%(day)s“%(topic)s”的心得体会需要修改") % values
        body = gettext("组长意见：%(comment)s") % {"comment": reflection.review_comment}
    return notify(recipients=[reflection.worker], event="study.reflection_reviewed", union=session.union,
                  link=reverse("study:session", kwargs={"pk": session.pk}), title=title[:200], body=body)


def tell_accepted(session, workers) -> int:
    """The members whose reflections on a session were all accepted at once: one message each, one insert."""
    values = {"day": format(session.held_on, "%Y-%m-%d"), "topic": session.topic}
    return notify(recipients=workers, event="study.reflection_reviewed", union=session.union,
                  link=reverse("study:session", kwargs={"pk": session.pk}),
                  title=(gettext("你%(day)s“%(topic)s”的心得体会已通过审阅") % values)[:200])

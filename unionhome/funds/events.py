"""What funds tell officers (notifications): the event kinds and the wording of each message."""
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("funds.payout_awaiting_approval", _("待主席审批的支出"))


def tell_chair_awaiting(*, union, what: str, link: str) -> None:
    """The union's chair(s) learn that a payout waits for their approval."""
    from django.contrib.auth import get_user_model

    from unionhome.accounts.models import RoleAssignment

    chairs = get_user_model().objects.filter(
        pk__in=RoleAssignment.objects.filter(union=union, role="chair").values("user_id"))
    notify(recipients=chairs, event="funds.payout_awaiting_approval", union=union, link=link,
           title=gettext("待审批：%(what)s") % {"what": what}, body=gettext("%(what)s，须经工会主席批准。") % {"what": what})

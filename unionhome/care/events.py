"""What care tells members (notifications): the event kinds and the wording of each message."""
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("care.health_invited", _("妇检邀请"))
event_kind("care.health_scheduled", _("妇检时段"))


def tell_health_invited(campaign, workers) -> None:
    notify(recipients=workers, event="care.health_invited", union=campaign.union, link="/",
           title=gettext("妇检邀请：%(name)s") % {"name": campaign.name}, body=gettext("工会邀请您参加%(clinic)s的妇检，时段安排后另行通知。") % {"clinic": campaign.clinic})


def tell_health_scheduled(campaign, invites) -> None:
    """Each woman learns her own slot: one message (one INSERT) per slot."""
    by_slot: dict = {}
    for invite in invites:
        by_slot.setdefault(invite.slot, []).append(invite.worker)
    for slot, workers in by_slot.items():
        notify(recipients=workers, event="care.health_scheduled", union=campaign.union, link="/",
               title=gettext("妇检时段：%(slot)s") % {"slot": slot}, body=gettext("%(name)s：请于%(slot)s到%(clinic)s体检。") % {"name": campaign.name, "slot": slot, "clinic": campaign.clinic})

"""What the suggestions tell their author (notifications): the event kinds and the wording of each message."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind
from unionhome.notifications.services import notify

event_kind("suggestions.assigned", _("合理化建议已分办"))
event_kind("suggestions.answered", _("合理化建议已答复"))
event_kind("suggestions.progress", _("合理化建议落实进展"))
event_kind("suggestions.done", _("合理化建议已落实"))

_WORDS = {
    "suggestions.assigned": (_("建议已分办：%(t)s"), _("您的建议“%(t)s”已交承办人办理，将在%(due)s前答复。")),
    "suggestions.answered": (_("建议已答复：%(t)s"), _("您的建议“%(t)s”已答复：%(outcome)s。请打开建议查看答复并评价。")),
    "suggestions.progress": (_("建议落实进展：%(t)s"), _("您的建议“%(t)s”有新的落实进展。")),
    "suggestions.done": (_("建议已落实：%(t)s"), _("您的建议“%(t)s”已落实完毕。")),
}


def tell_author(suggestion, event: str) -> None:
    """The one who submitted the suggestion learns of each step, anonymous or not (the union knows who)."""
    title, body = _WORDS[event]
    words = {"t": suggestion.title, "due": f"{suggestion.answer_due:%Y-%m-%d}",
             "outcome": suggestion.get_outcome_display() if suggestion.outcome else ""}
    notify(recipients=[suggestion.submitted_by], event=event, union=suggestion.union,
           link=reverse("suggestions:detail", args=[suggestion.pk]), title=str(title % words), body=str(body % words))

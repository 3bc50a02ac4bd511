"""Committees (工会委员会, 女职工委员会, 经费审查委员会), their terms (届) and positions."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class Committee(UnionOwned):
    class Kind(models.TextChoices):
        UNION = "union", _("工会委员会")
        WOMEN = "women", _("女职工委员会")
        AUDIT = "audit", _("经费审查委员会")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("委员会")
        constraints = [models.UniqueConstraint(fields=["union", "kind"], name="committee_kind_unique_in_union")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Term(UnionOwned):
    class Status(models.TextChoices):
        PENDING = "pending", _("待上级批复")
        ACTIVE = "active", _("在任")
        ENDED = "ended", _("已届满")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveIntegerField(_("届次"))
    starts_on = models.DateField(_("任期开始"))
    ends_on = models.DateField(_("任期届满"))
    years = models.PositiveSmallIntegerField(_("任期年限"))
    seats = models.PositiveSmallIntegerField(_("委员名额"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    approved_on = models.DateField(_("批复日期"), null=True, blank=True)
    approval_document = models.CharField(_("批复文号"), max_length=100, blank=True)
    approved_by = models.CharField(_("批复单位/人"), max_length=100, blank=True)
    # 组织员制: a union under the committee threshold may elect one organiser instead of a committee (rule 8).
    organiser = models.BooleanField(_("设组织员（不设委员会）"), default=False)
    # The higher union's approval to hold the next election early or late (rule 9): from the approval day to
    # ``reschedule_by``.
    reschedule_by = models.DateField(_("批准换届选举期限"), null=True, blank=True)
    reschedule_approved_on = models.DateField(_("提前或延期换届批复日期"), null=True, blank=True)
    reschedule_document = models.CharField(_("提前或延期换届批复文号"), max_length=100, blank=True)
    reschedule_approved_by = models.CharField(_("提前或延期换届批复单位"), max_length=100, blank=True)

    class Meta:
        ordering = ["committee", "-number"]
        verbose_name = _("届")
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="term_number_unique"),
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"),
        ]

    def __str__(self) -> str:
        return gettext("%(committee)s 第%(number)s届") % {"committee": self.committee, "number": self.number}


class Position(UnionOwned):
    class Title(models.TextChoices):
        CHAIR = "chair", _("主席")
        VICE_CHAIR = "vice_chair", _("副主席")
        MEMBER = "member", _("委员")
        WOMEN_DIRECTOR = "women_director", _("女职委主任")
        WOMEN_MEMBER = "women_member", _("女职工委员")
        AUDIT_CHAIR = "audit_chair", _("经审委员会主任")
        ORGANISER = "organiser", _("组织员")

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="positions")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("职务"), max_length=20, choices=Title.choices)
    started_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    end_reason = models.CharField(_("离任原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["term", "title", "id"]
        verbose_name = _("职务")
        constraints = [
            models.UniqueConstraint(fields=["term", "worker"], condition=models.Q(ended_on__isnull=True),
                                    name="position_one_open_per_worker_and_term"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.get_title_display()}"




class GroupLeader(UnionOwned):
    """A union group's leader (工会小组负责人): a post held by a member of that group, like a committee seat.

    One row per group with a leader; no row is a group without one. It lives here, not on ``org.UnionGroup``,
    because it names a worker and ``members`` sits above ``org`` (docs/architecture.md, "Layers").
    """

    group = models.OneToOneField("org.UnionGroup", on_delete=models.CASCADE, related_name="leadership",
                                 verbose_name=_("工会小组"))
    worker = models.ForeignKey("members.Worker", on_delete=models.CASCADE, related_name="led_groups",
                               verbose_name=_("负责人"))

    class Meta:
        ordering = ["group"]
        verbose_name = _("工会小组负责人")

    def __str__(self) -> str:
        return f"{self.group} {self.worker}"

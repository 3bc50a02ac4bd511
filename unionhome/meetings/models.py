"""Meetings (会议) with their agenda, attendance and decisions; the rules library (规章制度) with its versions;
committee members' goals for the year.

Regulations live here, beside the meetings, because each version is adopted by a meeting's decision: the link is
the rules library's reason to exist, and one app keeps both in one layer (above committees and elections, whose
terms and representatives invite a meeting's attendees)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class Meeting(UnionOwned):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("工会委员会会议")
        SPECIAL = "special", _("工会工作专题会议")
        WOMEN = "women", _("女职工委员会会议")
        AUDIT = "audit", _("经费审查委员会会议")
        CONGRESS = "congress", _("会员（代表）大会")
        GROUP = "group", _("工会小组会议")
        JOINT = "joint", _("与党支部联席会议")

    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        HELD = "held", _("已召开")
        CLOSED = "closed", _("纪要已定稿")

    kind = models.CharField(_("会议类别"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("会议名称"), max_length=120)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    chaired_by = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("主持人"))
    recorded_by = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("记录人"))
    term = models.ForeignKey("committees.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("委员会届次"))
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("工会小组"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("会议纪要正文"), blank=True)
    scan = models.FileField(_("签字纪要扫描件"), upload_to="meetings/scans/", blank=True)
    scan_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("会议")

    def __str__(self) -> str:
        return self.title


class AgendaItem(UnionOwned):
    class Kind(models.TextChoices):
        ITEM = "item", _("议题")
        FUNDS_REPORT = "funds_report", _("经费收支情况报告")
        AUDIT_REPORT = "audit_report", _("经费审查报告")
        WORK_REPORT = "work_report", _("工会工作报告")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("议题类别"), max_length=14, choices=Kind.choices, default=Kind.ITEM)
    title = models.CharField(_("议题"), max_length=200)
    notes = models.TextField(_("讨论情况"), blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self) -> str:
        return self.title


class Attendee(UnionOwned):
    class Status(models.TextChoices):
        INVITED = "invited", _("未点名")
        PRESENT = "present", _("出席")
        LEAVE = "leave", _("请假")
        ABSENT = "absent", _("缺席")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("出席情况"), max_length=10, choices=Status.choices, default=Status.INVITED)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "worker"], name="attendee_unique")]


class Decision(UnionOwned):
    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("通过")
        REJECTED = "rejected", _("未通过")

    class Status(models.TextChoices):
        OPEN = "open", _("落实中")
        DONE = "done", _("已落实")

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("决定事项"))
    outcome = models.CharField(_("表决结果"), max_length=10, choices=Outcome.choices)
    votes_for = models.PositiveIntegerField(_("赞成"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("弃权"), null=True, blank=True)
    owner = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("责任人"))
    due_on = models.DateField(_("完成期限"), null=True, blank=True)
    status = models.CharField(_("落实情况"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("落实日期"), null=True, blank=True)
    done_note = models.TextField(_("落实情况说明"), blank=True)

    class Meta:
        ordering = ["item", "id"]
        verbose_name = _("决定")

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def voted(self) -> bool:
        return self.votes_for is not None


class Regulation(UnionOwned):
    class Kind(models.TextChoices):
        CHAIR_DUTIES = "chair_duties", _("工会主席职责")
        COMMITTEE_DUTIES = "committee_duties", _("工会委员会职责")
        WOMEN_DUTIES = "women_duties", _("女职工委员会委员职责")
        FUNDS = "funds", _("经费管理制度")
        ROOM = "room", _("活动室管理制度")
        OTHER = "other", _("其他制度")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("制度名称"), max_length=120)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("规章制度")
        constraints = [models.UniqueConstraint(fields=["union", "title"], name="regulation_title_unique")]

    def __str__(self) -> str:
        return self.title


class RegulationVersion(UnionOwned):
    """One wording of a regulation, in force from ``effective_on`` until the next version's date."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本号"))
    text = models.TextField(_("正文"))
    effective_on = models.DateField(_("施行日期"))
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("通过该版本的会议决定"))
    note = models.CharField(_("修订说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["regulation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["regulation", "number"], name="regulation_version_number_unique"),
            models.UniqueConstraint(fields=["regulation", "effective_on"], name="regulation_version_date_unique"),
        ]


class Goal(UnionOwned):
    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        DONE = "done", _("已完成")
        DROPPED = "dropped", _("未完成")

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("委员"))
    year = models.PositiveSmallIntegerField(_("年度"))
    text = models.TextField(_("目标"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-year", "worker", "id"]
        verbose_name = _("委员年度目标")

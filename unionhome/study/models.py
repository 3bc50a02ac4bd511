"""Group study (小组学习), education campaigns (教育活动), officer training (培训) and the legal-education quiz.

Invariants live in the database as well as in the services: one session per group and day, one attendance mark
per member and session (a leave always with its reason), one reflection per member and session, one training
record per officer and course, one quiz answer sheet per member.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


def study_path(instance, filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk (ASVS 5.3.2)."""
    return f"study/{instance.union_id}/{uploads.generated_name(filename)}"


class StudyPlan(UnionOwned):
    """The year's topics by week, for one group, or the union's own plan (no group) that groups copy."""

    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("工会小组"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=120)

    class Meta:
        ordering = ["-year", "group__sort_order", "id"]
        verbose_name = _("学习计划")
        constraints = [
            models.UniqueConstraint(fields=["union", "group", "year"], condition=Q(group__isnull=False),
                                    name="study_plan_one_per_group_year"),
            models.UniqueConstraint(fields=["union", "year"], condition=Q(group__isnull=True),
                                    name="study_plan_one_union_plan_per_year"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanTopic(UnionOwned):
    plan = models.ForeignKey(StudyPlan, on_delete=models.CASCADE, related_name="topics")
    week = models.PositiveSmallIntegerField(_("周次"))
    topic = models.CharField(_("学习内容"), max_length=200)
    material = models.TextField(_("学习材料"), blank=True)
    link = models.CharField(_("内网链接"), max_length=300, blank=True)
    file = models.FileField(upload_to=study_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["plan", "week", "id"]
        verbose_name = _("学习专题")
        constraints = [
            models.UniqueConstraint(fields=["plan", "week"], name="plan_topic_one_per_week"),
            models.CheckConstraint(condition=Q(week__gte=1, week__lte=53), name="plan_topic_week_in_year"),
        ]

    def __str__(self) -> str:
        return self.topic


class StudySession(UnionOwned):
    """One week's study of one group (政治学习): planned in a series, recorded by the group leader."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("待记录")
        RECORDED = "recorded", _("已记录")

    group = models.ForeignKey("org.UnionGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("工会小组"))
    held_on = models.DateField(_("日期"))
    topic = models.CharField(_("学习内容"), max_length=200)
    place = models.CharField(_("地点"), max_length=120, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    discussion = models.TextField(_("讨论记录"), blank=True)
    moved_from = models.DateField(_("原定日期"), null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-held_on", "group__sort_order", "id"]
        verbose_name = _("政治学习")
        constraints = [
            models.UniqueConstraint(fields=["group", "held_on"], name="study_session_one_per_group_day"),
            models.CheckConstraint(condition=Q(status__in=["planned", "recorded"]), name="study_session_status_valid"),
        ]
        indexes = [models.Index(fields=["union", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Attendance(UnionOwned):
    class Mark(models.TextChoices):
        PRESENT = "present", _("出席")
        LEAVE = "leave", _("请假")
        ABSENT = "absent", _("缺席")

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    mark = models.CharField(_("出勤"), max_length=10, choices=Mark.choices)
    reason = models.CharField(_("请假原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("学习考勤")
        constraints = [
            models.UniqueConstraint(fields=["session", "worker"], name="attendance_once_per_session"),
            models.CheckConstraint(condition=Q(mark__in=["present", "leave", "absent"]), name="attendance_mark_valid"),
            models.CheckConstraint(condition=~Q(mark="leave") | ~Q(reason=""), name="attendance_leave_has_reason"),
        ]


class SessionPhoto(UnionOwned):
    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=study_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("学习照片")


class Reflection(UnionOwned):
    """A member's 心得体会 on a session: typed, or a photo of a handwritten page; the group leader reviews it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审阅")
        ACCEPTED = "accepted", _("已通过")
        REVISE = "revise", _("需修改")

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="reflections")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("心得体会"), blank=True)
    photo = models.FileField(upload_to=study_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.CharField(_("审阅意见"), max_length=300, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("心得体会")
        constraints = [
            models.UniqueConstraint(fields=["session", "worker"], name="reflection_once_per_session"),
            models.CheckConstraint(condition=Q(status__in=["submitted", "accepted", "revise"]),
                                   name="reflection_status_valid"),
            models.CheckConstraint(condition=~Q(status="revise") | ~Q(review_comment=""),
                                   name="reflection_revise_has_comment"),
        ]


# --- Campaigns ------------------------------------------------------------------------------------

class Campaign(UnionOwned):
    class Theme(models.TextChoices):
        ETHICS = "ethics", _("社会公德")
        ETHNIC_UNITY = "ethnic_unity", _("民族团结")
        LEGAL = "legal", _("普法教育")
        IDEALS = "ideals", _("理想信念")
        OTHER = "other", _("其他")

    theme = models.CharField(_("主题类别"), max_length=20, choices=Theme.choices)
    title = models.CharField(_("名称"), max_length=120)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    description = models.TextField(_("内容与材料"), blank=True)
    groups = models.ManyToManyField("org.UnionGroup", blank=True, related_name="+", verbose_name=_("面向小组"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("教育活动")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"),
            models.CheckConstraint(condition=Q(theme__in=["ethics", "ethnic_unity", "legal", "ideals", "other"]),
                                   name="campaign_theme_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignEvent(UnionOwned):
    class Kind(models.TextChoices):
        LECTURE = "lecture", _("讲座")
        CONTEST = "contest", _("知识竞赛")
        EXHIBITION = "exhibition", _("展览")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("形式"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=120)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=120, blank=True)
    materials = models.TextField(_("材料"), blank=True)
    attendees = models.ManyToManyField("members.Worker", blank=True, related_name="+", verbose_name=_("参加人员"))

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("教育活动场次")
        constraints = [models.CheckConstraint(condition=Q(kind__in=["lecture", "contest", "exhibition"]),
                                              name="campaign_event_kind_valid")]

    def __str__(self) -> str:
        return self.title


# --- Officer training -----------------------------------------------------------------------------

class Training(UnionOwned):
    class Kind(models.TextChoices):
        NEW_OFFICER = "new_officer", _("新任工会干部培训")
        AUDIT = "audit", _("经审培训")
        WOMEN = "women", _("女职委培训")
        EXTERNAL = "external", _("外部课程")

    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    course = models.CharField(_("课程"), max_length=120)
    provider = models.CharField(_("举办单位"), max_length=120, blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("培训")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.course


class TrainingRecord(UnionOwned):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="records")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    certificate = models.FileField(upload_to=study_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["training", "id"]
        verbose_name = _("培训记录")
        constraints = [
            models.UniqueConstraint(fields=["training", "worker"], name="training_record_once"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_record_hours_positive"),
        ]


# --- Legal-education quiz -------------------------------------------------------------------------

class Quiz(UnionOwned):
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="quizzes")
    title = models.CharField(_("名称"), max_length=120)
    deadline = models.DateTimeField(_("截止时间"))

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("知识测试")

    def __str__(self) -> str:
        return self.title


class QuizQuestion(UnionOwned):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(_("题目"), max_length=300)
    choices = models.JSONField(_("选项"))  # ["A text", "B text", ...]
    answer = models.PositiveSmallIntegerField()  # index into choices; never shown before the deadline

    class Meta:
        ordering = ["quiz", "number"]
        verbose_name = _("测试题")
        constraints = [models.UniqueConstraint(fields=["quiz", "number"], name="quiz_question_numbered_once")]


class QuizAttempt(UnionOwned):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField()  # {"question number": chosen index}
    score = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["quiz", "-score", "id"]
        verbose_name = _("答卷")
        constraints = [models.UniqueConstraint(fields=["quiz", "worker"], name="quiz_attempt_once")]

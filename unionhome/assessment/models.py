"""The 职工之家 self-assessment (issue 12 §5): criteria as configuration, a union's score sheet for a year with the
evidence of each line, and the members' satisfaction survey (会员评家), anonymous in storage like the secret ballot
(see ``services_survey``)."""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


class Criterion(models.Model):
    """One line of the self-check, as configuration: the shipped default set (``union`` empty, a data migration)
    or a union's own version of a line from a date on (its weight). The version in force on the year's last day
    is the one a year's sheet uses (docs/rules.md §4.1)."""

    class Method(models.TextChoices):
        AUTO = "auto", _("按登记的数字自动评分")
        MANUAL = "manual", _("人工评分并附佐证")

    union = models.ForeignKey("core.Union", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("编号"), max_length=20)
    area = models.CharField(_("方面"), max_length=40)
    title = models.CharField(_("评分项目"), max_length=200)
    guidance = models.TextField(_("评分标准"), blank=True)
    points = models.DecimalField(_("分值"), max_digits=5, decimal_places=1)
    method = models.CharField(_("评分方式"), max_length=10, choices=Method.choices)
    figure = models.CharField(_("依据的数字"), max_length=60, blank=True)
    # auto lines: full points when the figure reaches this rule's threshold (a rate), else in proportion;
    # without one, full points when the figure counts at least one record
    threshold_rule = models.CharField(max_length=60, blank=True)
    veto = models.BooleanField(_("一票否决"), default=False)
    source = models.CharField(_("依据"), max_length=300)
    effective_from = models.DateField(_("生效日期"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("考核标准")
        constraints = [
            models.UniqueConstraint(fields=["union", "code", "effective_from"], name="criterion_version_unique"),
            models.UniqueConstraint(fields=["code", "effective_from"], condition=Q(union__isnull=True),
                                    name="criterion_default_version_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="criterion_points_not_negative"),
            models.CheckConstraint(condition=Q(method="manual") | ~Q(figure=""), name="criterion_auto_has_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Assessment(UnionOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("自评中")
        SUBMITTED = "submitted", _("已提交")

    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=1, null=True, blank=True)
    vetoed = models.BooleanField(_("一票否决"), default=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("职工之家自评")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="assessment_once_per_year")]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ScoreLine(UnionOwned):
    """One criterion's line on a year's sheet. Manual lines carry the chair's points and note; auto lines get
    their points from the figure, written (frozen) with the figure's value when the sheet is submitted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="lines")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.TextField(_("说明"), max_length=2000, blank=True)
    figure_value = models.CharField(_("数字"), max_length=60, blank=True)
    vetoed = models.BooleanField(_("未达一票否决线"), default=False)  # frozen at submission
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="scoreline_once_per_criterion"),
            models.CheckConstraint(condition=Q(points__isnull=True) | Q(points__gte=0), name="scoreline_points_not_negative"),
        ]


def evidence_path(instance, filename: str) -> str:
    return f"assessment/evidence/{instance.union_id}/{uploads.generated_name(filename)}"


class Evidence(UnionOwned):
    """A file attached to a line as its proof (a scanned minute, a photo, a PDF)."""

    line = models.ForeignKey(ScoreLine, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]


class Survey(UnionOwned):
    """A round of 会员评家: its questions, answered 满意/基本满意/不满意 during the open period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("未开始")
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=120)
    questions = models.JSONField(_("问题"), default=list)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    closes_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    entitled = models.PositiveIntegerField(_("应参评人数"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("会员评家")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="survey_once_per_year")]

    def __str__(self) -> str:
        return self.title


class Respondent(UnionOwned):
    """Who has answered (not how): unique per survey and member. It carries the opening time of the survey,
    not the moment of the answer, and nothing that leads to the answer rows."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "worker"], name="respondent_once_per_member")]


class Choice(models.TextChoices):
    SATISFIED = "S", _("满意")
    BASIC = "B", _("基本满意")
    DISSATISFIED = "D", _("不满意")


SATISFIED_CHOICES = (Choice.SATISFIED, Choice.BASIC)


class Answer(models.Model):
    """One answer to one question: a blank slot pre-allocated at opening (random key), filled in place by a
    member chosen at random among the blank ones. No member, no time, no order (``services_survey``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    union = models.ForeignKey("core.Union", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    filled = models.BooleanField(default=False)
    question = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=1, choices=Choice.choices, blank=True)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("评家答卷")
        indexes = [models.Index(fields=["survey", "id"], condition=Q(filled=False), name="answer_blank_slots")]
        constraints = [models.CheckConstraint(condition=Q(filled=False) | Q(choice__in=["S", "B", "D"]),
                                              name="answer_filled_has_choice")]

    def get_question_display(self) -> str:
        questions = self.survey.questions
        return questions[self.question] if self.question is not None and self.question < len(questions) else ""

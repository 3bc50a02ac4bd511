"""困难职工: consent, the household file (national form's fields), 公示 and assistance."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.crypto import EncryptedTextField, mask_value
from unionhome.core.models import UnionOwned


class ConsentKind(models.TextChoices):
    GENERAL = "general", _("一般个人信息处理同意")
    HEALTH = "health", _("健康信息单独同意")
    FINANCIAL = "financial", _("收入财产信息单独同意")
    PUBLICATION = "publication", _("公示单独同意")
    GUARDIAN = "guardian", _("不满十四周岁子女监护人同意")


class Consent(UnionOwned):
    """PIPL arts.14, 25, 29, 31: recorded before any data of that kind is stored."""

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="care_consents")
    kind = models.CharField(_("同意类型"), max_length=20, choices=ConsentKind.choices)
    subject_name = models.CharField(_("子女姓名"), max_length=50, blank=True)
    subject_birth_date = models.DateField(_("子女出生日期"), null=True, blank=True)
    given_on = models.DateField(_("签署日期"))
    signed_by = models.CharField(_("签署人"), max_length=50)
    purpose = models.CharField(_("处理目的"), max_length=200, default="困难职工建档、帮扶与复核")
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)

    class Meta:
        ordering = ["given_on", "id"]
        verbose_name = _("个人信息处理同意")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject_name or self.worker}"


class Category(models.TextChoices):
    DEEP = "deep", _("深度困难")
    RELATIVE = "relative", _("相对困难")
    ACCIDENT = "accident", _("意外致困")


class Identity(models.TextChoices):
    EMPLOYED = "employed", _("在岗")
    LAID_OFF = "laid_off", _("下岗")
    UNEMPLOYED = "unemployed", _("失业")
    RETIRED = "retired", _("退休")
    SICK_LEAVE = "sick_leave", _("病休")
    EARLY_RETIRED = "early_retired", _("内退")
    MIGRANT = "migrant", _("农民工")


class HealthStatus(models.TextChoices):
    HEALTHY = "healthy", _("健康")
    CHRONIC = "chronic", _("慢性病")
    SERIOUS = "serious", _("大病")
    DISABLED = "disabled", _("残疾")
    OTHER = "other", _("其他")


class Cause(models.TextChoices):
    ILLNESS = "illness", _("本人或家属患病")
    DISABILITY = "disability", _("残疾")
    ACCIDENT = "accident", _("意外事故/灾害")
    SCHOOLING = "schooling", _("子女就学")
    UNEMPLOYMENT = "unemployment", _("下岗失业")
    LOW_INCOME = "low_income", _("收入低")
    OTHER = "other", _("其他")


class CloseReason(models.TextChoices):
    RECOVERY = "recovery", _("脱困")
    RETIREMENT = "retirement", _("退休")
    TRANSFER = "transfer", _("调离")
    DEATH = "death", _("去世")


class FileStatus(models.TextChoices):
    OPEN = "open", _("在档")
    CLOSED = "closed", _("已销档")


class MaskedPerson:
    """How a person on the file (the worker, a household member) shows: ID number masked, health in words."""

    @property
    def id_number_masked(self) -> str:
        return mask_value(self.id_number)

    @property
    def health_label(self) -> str:
        value = self.health_status
        return HealthStatus(value).label if value in HealthStatus.values else value


class HardshipFile(MaskedPerson, UnionOwned):
    """一户一档: one open file per household (the head's ID number identifies it)."""

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="hardship_files",
                               verbose_name=_("困难职工"))
    household_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=FileStatus.choices, default=FileStatus.OPEN)
    category = models.CharField(_("困难类别"), max_length=10, choices=Category.choices)
    place = models.CharField(_("低保标准适用地"), max_length=40)
    dibao_monthly = models.DecimalField(_("适用低保标准（元/人·月）"), max_digits=12, decimal_places=2)
    # National form (帮扶系统 困难职工档案)
    id_number = EncryptedTextField(_("身份证号"))
    political_status = models.CharField(_("政治面貌"), max_length=20, blank=True)
    identity = models.CharField(_("身份"), max_length=20, choices=Identity.choices, default=Identity.EMPLOYED)
    model_worker = models.CharField(_("劳模类别"), max_length=20, blank=True, default="无")
    marital_status = models.CharField(_("婚姻状况"), max_length=10, blank=True)
    hukou_type = models.CharField(_("户口类型"), max_length=10, blank=True)
    housing_type = models.CharField(_("住房类型"), max_length=20, blank=True)
    housing_area = models.CharField(_("住房面积"), max_length=20, blank=True)
    employer_nature = models.CharField(_("单位性质"), max_length=20, blank=True, default="机关")
    industry = models.CharField(_("行业"), max_length=40, blank=True, default="公共管理")
    health_status = EncryptedTextField(_("健康状况"), blank=True, default="", mask="all")
    health_detail = EncryptedTextField(_("疾病/残疾说明"), blank=True, default="", mask="all")
    # Computed from the worker and the household rows, never typed (see services.hardship).
    household_size = models.PositiveSmallIntegerField(_("家庭人口"))
    own_income = EncryptedTextField(_("本人年收入（元）"), mask="all", blank=True, default="")
    annual_income = EncryptedTextField(_("家庭年收入（元）"), mask="all")
    rigid_spending = EncryptedTextField(_("刚性支出（元/年）"), mask="all", default="0")
    accident_costs = EncryptedTextField(_("意外事件支出（扣除赔偿保险后，元）"), mask="all", blank=True, default="")
    cause = EncryptedTextField(_("致困原因"), choices=Cause.choices, mask="all")
    cause_detail = EncryptedTextField(_("致困情况说明"), blank=True, default="", mask="all")
    opened_on = models.DateField(_("建档日期"))
    reviewed_on = models.DateField(_("最近复核日期"))
    closed_on = models.DateField(_("销档日期"), null=True, blank=True)
    close_reason = models.CharField(_("销档原因"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(_("销档说明"), max_length=300, blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("困难职工档案")
        constraints = [
            models.UniqueConstraint(fields=["union", "household_hash"], condition=models.Q(status="open"),
                                    name="hardship_one_open_file_per_household"),
            models.UniqueConstraint(fields=["union", "worker"], condition=models.Q(status="open"),
                                    name="hardship_one_open_file_per_worker"),
            models.CheckConstraint(condition=models.Q(status="open") | models.Q(closed_on__isnull=False),
                                   name="hardship_closed_has_date"),
        ]

    def __str__(self) -> str:
        return gettext("%(worker)s（%(get_category_display)s）") % {"worker": self.worker, "get_category_display": self.get_category_display()}


class HouseholdMember(MaskedPerson, UnionOwned):
    """A household member other than the worker (national form: 家庭成员情况)."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="household")
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("与困难职工关系"), max_length=20)
    id_number = EncryptedTextField(_("身份证号"), blank=True, default="")
    birth_date = models.DateField(_("出生日期"))
    occupation = EncryptedTextField(_("工作/就学情况"), blank=True, default="", mask="all")
    annual_income = EncryptedTextField(_("年收入（元）"), mask="all", blank=True, default="")
    health_status = EncryptedTextField(_("健康状况"), mask="all", blank=True, default="")

    class Meta:
        ordering = ["id"]
        verbose_name = _("家庭成员")


class Publication(UnionOwned):
    """公示: only the needed fields, visible until ``ends_on`` (regulations §7, rule 30)."""

    file = models.ForeignKey(HardshipFile, on_delete=models.PROTECT, related_name="publications")
    shown_name = models.CharField(max_length=50)
    shown_unit = models.CharField(max_length=100, blank=True)
    shown_category = models.CharField(max_length=20)
    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示结束"))

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("困难职工公示")


class AssistanceKind(models.TextChoices):
    LIVING = "living", _("生活救助")
    MEDICAL = "medical", _("医疗（大病）救助")
    SCHOOLING = "schooling", _("子女助学（金秋助学）")
    EMPLOYMENT = "employment", _("就业帮扶（培训/介绍）")
    WARMTH = "warmth", _("送温暖")


class Assistance(UnionOwned):
    """帮扶: help given on an open file (建档在先、帮扶在后), booked under 维权支出."""

    file = models.ForeignKey(HardshipFile, on_delete=models.PROTECT, related_name="assistance")
    kind = models.CharField(_("帮扶类型"), max_length=20, choices=AssistanceKind.choices)
    given_on = models.DateField(_("日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    description = EncryptedTextField(_("内容"), blank=True, default="", mask="all")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("帮扶记录")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="assistance_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.given_on}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("care:hardship_detail", args=[self.file_id])

"""慰问: a visit to a member with a gift, its officers and photos."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class VisitKind(models.TextChoices):
    WEDDING = "wedding", _("结婚慰问")
    CHILDBIRTH = "childbirth", _("生育慰问")
    HOSPITAL = "hospital", _("生病住院慰问")
    DEATH_MEMBER = "death_member", _("会员去世慰问")
    DEATH_RELATIVE = "death_relative", _("直系亲属去世慰问")
    RETIREMENT = "retirement", _("退休慰问")
    FESTIVAL = "festival", _("节日慰问")
    RETIREE_FESTIVAL = "retiree_festival", _("退休职工节日慰问")
    BIRTHDAY = "birthday", _("生日慰问")


# Which welfare benefit of the funds rules each kind of visit draws on.
BENEFIT_OF = {
    VisitKind.WEDDING: "wedding", VisitKind.CHILDBIRTH: "childbirth", VisitKind.HOSPITAL: "hospital",
    VisitKind.DEATH_MEMBER: "death_member", VisitKind.DEATH_RELATIVE: "death_relative",
    VisitKind.RETIREMENT: "retirement", VisitKind.FESTIVAL: "festival", VisitKind.RETIREE_FESTIVAL: "festival",
    VisitKind.BIRTHDAY: "birthday",
}


class Festival(models.TextChoices):
    NEW_YEAR = "new_year", _("元旦")
    SPRING = "spring_festival", _("春节")
    QINGMING = "qingming", _("清明节")
    LABOUR = "labour_day", _("劳动节")
    DRAGON_BOAT = "dragon_boat", _("端午节")
    MID_AUTUMN = "mid_autumn", _("中秋节")
    NATIONAL = "national_day", _("国庆节")


class GiftForm(models.TextChoices):
    GOODS = "goods", _("慰问品（实物）")
    VOUCHER = "voucher", _("指定商品提货券")
    CASH = "cash", _("现金/慰问金")
    SHOPPING_CARD = "shopping_card", _("购物卡")


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("配偶")
    PARENT = "parent", _("父母")
    CHILD = "child", _("子女")
    OTHER = "other", _("其他亲属")


class CareVisit(UnionOwned):
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="care_visits",
                               verbose_name=_("慰问对象"))
    kind = models.CharField(_("慰问类型"), max_length=20, choices=VisitKind.choices)
    visited_on = models.DateField(_("慰问日期"))
    festival = models.CharField(_("节日"), max_length=20, choices=Festival.choices, blank=True)
    relation = models.CharField(_("与会员关系"), max_length=10, choices=Relation.choices, blank=True)
    surgery = models.BooleanField(_("做了手术"), default=False)
    event_key = models.CharField(_("事件标识"), max_length=60, blank=True,
                                 help_text=_("同一事件（一次住院、一次婚礼）只慰问一次"))
    officers = models.ManyToManyField("members.Worker", related_name="care_visits_made", blank=True,
                                      verbose_name=_("参加慰问人员"))
    gift_form = models.CharField(_("慰问形式"), max_length=20, choices=GiftForm.choices, default=GiftForm.GOODS)
    gift = models.CharField(_("慰问品/内容"), max_length=200, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    note = models.TextField(_("备注"), blank=True)
    discharged_on = models.DateField(_("出院日期"), null=True, blank=True)
    payout = models.ForeignKey("funds.WelfarePayout", null=True, blank=True, editable=False, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("慰问发放"))
    override_reason = models.CharField(_("超标准审批理由"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("慰问")
        indexes = [models.Index(fields=["union", "kind", "visited_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="carevisit_amount_not_negative"),
            # rule 18: one gift per event (a birthday per year, a wedding, a birth, a bereavement, an admission)
            models.UniqueConstraint(fields=["union", "worker", "kind", "event_key"], name="carevisit_one_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.worker} {self.visited_on}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("care:visit_detail", args=[self.pk])

    @property
    def in_hospital(self) -> bool:
        return self.kind == VisitKind.HOSPITAL and self.discharged_on is None


class VisitPhoto(UnionOwned):
    visit = models.ForeignKey(CareVisit, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="care/visits/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("慰问照片")

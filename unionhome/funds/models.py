"""The union's money: a chart of accounts, an append-only ledger per union and year, budgets,
period sign-off by the funds reviewer (经审), dues (会费) and welfare payouts under provincial policies.

Rules: regulations §2 (《基层工会经费收支管理办法》2017) and rules 15–22.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.crypto import EncryptedTextField
from unionhome.core.models import UnionOwned

MONEY = {"max_digits": 12, "decimal_places": 2}


class Kind(models.TextChoices):
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


class AccountItem(models.Model):
    """One line of the chart of accounts in force between two dates.

    A first-level category has ``subcategory == ""``; its sub-items (明细科目) share its ``category``
    code. Versioned: a new chart closes the old rows (``effective_to``) and adds new ones.
    """

    kind = models.CharField(_("收支"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("科目代码"), max_length=40)
    subcategory = models.CharField(_("明细代码"), max_length=40, blank=True, default="")
    name = models.CharField(_("名称"), max_length=60)
    account_no = models.CharField(_("会计科目编号"), max_length=10, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=300)

    class Meta:
        ordering = ["kind", "sort_order", "id"]
        verbose_name = _("会计科目")
        constraints = [
            models.UniqueConstraint(fields=["category", "subcategory", "effective_from"], name="account_item_version"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language: the seeded chart's names are in the catalogue (marked in migration 0002)."""
        return gettext(self.name)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class LedgerBook(UnionOwned):
    """The union's book for one year: holds the voucher counter and is the lock posts take."""

    year = models.PositiveIntegerField(_("年度"))
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("经费账簿")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="ledger_book_one_per_year")]

    def __str__(self) -> str:
        return gettext("%(year)s年度账簿") % {"year": self.year}


class LedgerEntry(UnionOwned):
    """One posting. Never updated or deleted (database triggers): a mistake is reversed by a new entry.

    ``amount`` is signed within its kind: an income of 100 is +100 income; its reversal is −100 income.
    The balance is Σ income − Σ expense over all entries.
    """

    book = models.ForeignKey(LedgerBook, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("凭证号"))
    on = models.DateField(_("日期"))
    kind = models.CharField(_("收支"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("科目"), max_length=40)
    subcategory = models.CharField(_("明细科目"), max_length=40, blank=True, default="")
    account_item = models.ForeignKey(AccountItem, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("金额"), **MONEY)
    # Encrypted at rest: a welfare or assistance entry names the member and why they were helped. On a
    # ``confidential`` entry both are shown only to the roles that see the needy file (``funds.confidential``);
    # everyone else reads the category and ``source_label``, a bare reference.
    counterparty = EncryptedTextField(_("对方单位/个人"), blank=True, default="", mask="all")
    method = models.CharField(_("支付方式"), max_length=20, blank=True)
    note = EncryptedTextField(_("摘要"), blank=True, default="", mask="all")
    confidential = models.BooleanField(_("涉及个人困难或健康信息"), default=False)
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source_label = models.CharField(_("来源"), max_length=200, blank=True)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by", verbose_name=_("冲销的凭证"))
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        ordering = ["on", "number"]
        verbose_name = _("经费凭证")
        constraints = [
            models.UniqueConstraint(fields=["book", "number"], name="ledger_entry_number_unique_in_book"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledger_entry_amount_not_zero"),
            models.CheckConstraint(condition=models.Q(kind__in=["income", "expense"]), name="ledger_entry_kind_valid"),
            models.CheckConstraint(condition=~models.Q(category=""), name="ledger_entry_categorised"),
        ]
        indexes = [models.Index(fields=["union", "on"]), models.Index(fields=["union", "kind", "category"]),
                   models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.on:%Y}-{self.number:04d} {self.account_item.name} {self.amount}"

    @property
    def voucher(self) -> str:
        return f"{self.on:%Y}-{self.number:04d}"

    @property
    def signed_amount(self) -> Decimal:
        """Effect on the balance: income adds, expense subtracts."""
        return self.amount if self.kind == Kind.INCOME else -self.amount

    @property
    def source(self):
        if self.source_type_id is None:
            return None
        model = self.source_type.model_class()
        return model._default_manager.filter(pk=self.source_id).first() if model else None


def attachment_path(instance, filename: str) -> str:
    # Never the user's file name in a path (ASVS 5.3.2): a generated name, the checked extension.
    return f"funds/receipts/{instance.union_id}/{uploads.generated_name(filename)}"


class LedgerOpening(UnionOwned):
    """When the union's books on this platform begin (建账) and the balance carried into them (期初余额).

    No entry or reversal may be dated before ``opened_on``: a late entry dated years back would silently change
    every opening balance since. Recorded by the accountant, or implicitly on 1 January of the first entry's
    year with a zero balance.
    """

    opened_on = models.DateField(_("建账日期"))
    balance = models.DecimalField(_("期初余额"), **MONEY)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = _("建账")
        constraints = [
            models.UniqueConstraint(fields=["union"], name="ledger_opened_once"),
            models.CheckConstraint(condition=models.Q(balance__gte=0), name="ledger_opening_not_negative"),
        ]

    def __str__(self) -> str:
        return gettext("%(opened_on)s 期初余额 %(balance)s") % {"opened_on": format(self.opened_on, '%Y-%m-%d'), "balance": self.balance}


class EntryAttachment(UnionOwned):
    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("票据"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("票据附件")

    def __str__(self) -> str:
        return self.original_name


class EntryComment(UnionOwned):
    """A funds reviewer's (经审) remark on an entry."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("审查意见"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("审查意见")

    def __str__(self) -> str:
        return self.text[:40]


class PeriodSignoff(UnionOwned):
    """经审 sign-off of a month: the period is then closed to new entries."""

    year = models.PositiveIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("审查意见"), max_length=500, blank=True)
    income = models.DecimalField(_("本期收入"), **MONEY)
    expense = models.DecimalField(_("本期支出"), **MONEY)
    entries = models.PositiveIntegerField(_("凭证数"))

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("期间审签")
        constraints = [
            models.UniqueConstraint(fields=["union", "year", "month"], name="period_signed_once"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="period_month_valid"),
        ]

    def __str__(self) -> str:
        return gettext("%(year)s年%(month)s月") % {"year": self.year, "month": self.month}


class Budget(UnionOwned):
    year = models.PositiveIntegerField(_("年度"))
    kind = models.CharField(_("收支"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("科目"), max_length=40)
    amount = models.DecimalField(_("预算金额"), **MONEY)

    class Meta:
        ordering = ["year", "kind", "category"]
        verbose_name = _("预算")
        constraints = [
            models.UniqueConstraint(fields=["union", "year", "kind", "category"], name="budget_one_per_category"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category} {self.amount}"


class WelfarePolicy(models.Model):
    """A province's welfare rules from a date (rules 16–20), with their source. Data, not code.

    Its caps are rows: ``items`` (per benefit: festival and birthday per member per year, the others per event)
    and ``festival_rows`` (the festivals gifts may be given at, each with its own cap per member per year, e.g.
    Guizhou: 春节 ≤500, others ≤200). A federation officer drafts a version and publishes it; the published
    version with the latest ``effective_from`` not after a day is in force for every union of the province
    (regulations §2.3: amounts are set by provinces, so no union-level policy).
    """

    province = models.CharField(_("省份"), max_length=20)
    name = models.CharField(_("名称"), max_length=200)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=500)
    forms = models.JSONField(_("允许的发放形式"), default=list)
    prize_ratio = models.CharField(_("获奖比例上限"), max_length=10, blank=True)
    festival_fund_ratio = models.CharField(_("节日慰问占当年经费比例上限"), max_length=10, blank=True)
    birthday_in_month = models.BooleanField(_("生日慰问限生日当月"), default=False)
    note = models.TextField(_("说明"), blank=True)
    # None: a draft, which no payout uses; set once by ``policy_publish`` and never changed after.
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    publisher = models.ForeignKey("core.Union", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("发布单位"))

    class Meta:
        ordering = ["province", "-effective_from"]
        verbose_name = _("福利政策")
        constraints = [models.UniqueConstraint(fields=["province", "effective_from"],
                                               condition=models.Q(published_at__isnull=False),
                                               name="welfare_policy_version")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class WelfarePolicyItem(models.Model):
    """One benefit's cap in a policy (rule 16). ``cap`` empty: the policy names the benefit but sets no amount,
    so a payout needs the chair's approval. ``hospital_surgery`` is the hospital cap when there was surgery."""

    policy = models.ForeignKey(WelfarePolicy, on_delete=models.CASCADE, related_name="items")
    benefit = models.CharField(_("慰问项目"), max_length=20)
    cap = models.DecimalField(_("每人限额"), null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["policy", "id"]
        verbose_name = _("福利政策限额")
        constraints = [
            models.UniqueConstraint(fields=["policy", "benefit"], name="welfare_policy_item_once"),
            models.CheckConstraint(condition=models.Q(cap__isnull=True) | models.Q(cap__gte=0),
                                   name="welfare_policy_item_cap_not_negative"),
        ]


class WelfarePolicyFestival(models.Model):
    """A festival at which the policy allows gifts (rule 17), with its own cap per member per year, if any."""

    policy = models.ForeignKey(WelfarePolicy, on_delete=models.CASCADE, related_name="festival_rows")
    festival = models.CharField(_("节日"), max_length=30)
    cap = models.DecimalField(_("该节日每人限额"), null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["policy", "id"]
        verbose_name = _("福利政策节日")
        constraints = [
            models.UniqueConstraint(fields=["policy", "festival"], name="welfare_policy_festival_once"),
            models.CheckConstraint(condition=models.Q(cap__isnull=True) | models.Q(cap__gte=0),
                                   name="welfare_policy_festival_cap_not_negative"),
        ]


class WelfarePayoutQuerySet(models.QuerySet):
    def standing(self):
        """Payouts whose ledger entry has not been reversed: the ones that count toward the rules."""
        return self.filter(reversed=False)

    def unconfirmed(self):
        """Paid under the national rule while the province had no policy, not yet confirmed by the chair."""
        return self.filter(needs_confirmation=True, reversed=False)


class WelfarePayout(UnionOwned):
    class Benefit(models.TextChoices):
        FESTIVAL = "festival", _("节日慰问")
        BIRTHDAY = "birthday", _("生日慰问")
        WEDDING = "wedding", _("结婚慰问")
        CHILDBIRTH = "childbirth", _("生育慰问")
        HOSPITAL = "hospital", _("住院慰问")
        DEATH_MEMBER = "death_member", _("会员去世慰问")
        DEATH_RELATIVE = "death_relative", _("直系亲属去世慰问")
        RETIREMENT = "retirement", _("退休慰问")

    class Form(models.TextChoices):
        GOODS = "goods", _("实物")
        VOUCHER = "voucher", _("指定商品提货券")
        CASH = "cash", _("现金")
        SHOPPING_CARD = "shopping_card", _("购物卡")

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("配偶")
        PARENT = "parent", _("父母")
        CHILD = "child", _("子女")

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="welfare_payouts")
    benefit = models.CharField(_("慰问项目"), max_length=20, choices=Benefit.choices)
    amount = models.DecimalField(_("金额"), **MONEY)
    form = models.CharField(_("发放形式"), max_length=20, choices=Form.choices)
    on = models.DateField(_("日期"))
    year = models.PositiveIntegerField(_("年度"))
    festival = models.CharField(_("节日"), max_length=30, blank=True)
    event_key = models.CharField(_("事件"), max_length=100, blank=True)
    relation = models.CharField(_("亲属关系"), max_length=10, blank=True, choices=Relation.choices)
    surgery = models.BooleanField(_("手术"), default=False)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    # None: no provincial policy was in force, so the national rule applied (regulations §2.3) and the payout
    # waits for the chair's confirmation (``needs_confirmation``).
    policy = models.ForeignKey(WelfarePolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cap = models.DecimalField(_("适用限额"), null=True, blank=True, **MONEY)
    given_before = models.DecimalField(_("此前本年已发"), **MONEY)
    override_reason = models.CharField(_("超限批准理由"), max_length=500, blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    entry = models.OneToOneField(LedgerEntry, on_delete=models.PROTECT, related_name="welfare_payout")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    # Set by ``entry_reverse`` when the payout's ledger entry is reversed: a reversed payout no longer counts
    # toward caps, the one-birthday rule or the one-gift-per-event rule, so the correct payout can be made.
    reversed = models.BooleanField(_("已冲销"), default=False)
    needs_confirmation = models.BooleanField(_("按全国规定发放，待主席确认"), default=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(_("主席确认时间"), null=True, blank=True)

    objects = WelfarePayoutQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("福利慰问")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="welfare_payout_positive"),
            models.CheckConstraint(condition=models.Q(form__in=["goods", "voucher"]), name="welfare_payout_in_kind"),
            models.UniqueConstraint(fields=["worker", "year"],
                                    condition=models.Q(benefit="birthday", reversed=False),
                                    name="welfare_one_birthday_per_year"),
            models.UniqueConstraint(fields=["worker", "benefit", "event_key"],
                                    condition=~models.Q(event_key="") & models.Q(reversed=False),
                                    name="welfare_one_payout_per_event"),
        ]
        indexes = [models.Index(fields=["union", "worker", "year", "benefit"])]

    def __str__(self) -> str:
        return f"{self.worker} {self.get_benefit_display()} {self.amount}"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)


class DuesRate(UnionOwned):
    """A member's monthly due from a month on (rule 21). Only the due is kept, never the wage itself."""

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="dues_rates")
    from_month = models.DateField(_("起始月份"))
    monthly_due = models.DecimalField(_("月缴会费"), **MONEY)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["worker", "-from_month"]
        verbose_name = _("会费标准")
        constraints = [
            models.UniqueConstraint(fields=["worker", "from_month"], name="dues_rate_one_per_month"),
            models.CheckConstraint(condition=models.Q(monthly_due__gte=0), name="dues_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.from_month:%Y-%m} {self.monthly_due}"


class DuesPayment(UnionOwned):
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="dues_payments")
    month = models.DateField(_("所属月份"))  # first day of the month paid for
    amount = models.DecimalField(_("金额"), **MONEY)
    paid_on = models.DateField(_("缴纳日期"))
    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="dues_payments")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-month", "worker"]
        verbose_name = _("会费缴纳")
        constraints = [
            models.UniqueConstraint(fields=["worker", "month"], name="dues_paid_once_per_month"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="dues_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.month:%Y-%m} {self.amount}"


class PayoutRequest(UnionOwned):
    """A welfare payout blocked only by a cap, sent to the chair for approval (rule 16: 超限额须经主席批准).

    Approved, it becomes the payout with the chair as approver; the requester's reason and the breach are kept
    encrypted (they may say why the member needed more).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待主席审批")
        APPROVED = "approved", _("已批准")
        DECLINED = "declined", _("未批准")

    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="payout_requests")
    benefit = models.CharField(_("慰问项目"), max_length=20, choices=WelfarePayout.Benefit.choices)
    amount = models.DecimalField(_("金额"), **MONEY)
    form = models.CharField(_("发放形式"), max_length=20, choices=WelfarePayout.Form.choices)
    on = models.DateField(_("日期"))
    festival = models.CharField(_("节日"), max_length=30, blank=True)
    event_key = models.CharField(_("事件"), max_length=100, blank=True)
    relation = models.CharField(_("亲属关系"), max_length=10, blank=True)
    surgery = models.BooleanField(_("手术"), default=False)
    note = EncryptedTextField(_("备注"), blank=True, default="", mask="all")
    reason = EncryptedTextField(_("申请理由"), mask="all")
    breach = EncryptedTextField(_("超出的限额"), mask="all")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = EncryptedTextField(_("审批意见"), blank=True, default="", mask="all")
    payout = models.OneToOneField(WelfarePayout, null=True, blank=True, on_delete=models.PROTECT, related_name="request")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("超限额慰问申请")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payout_request_positive")]

    def __str__(self) -> str:
        return f"{self.get_benefit_display()} {self.amount}"


class FinalAccountsReview(UnionOwned):
    """The 经审 committee's review of a year's 经费决算 (regulations §2: the funds reviewer examines the year's
    accounts and reports to the members' congress). Recorded once the year has ended and every month of it is
    signed off; from then the year is frozen: the ledger already refuses entries into signed-off months, and
    budgets of the year are refused too. The figures as reviewed are kept beside the opinion."""

    year = models.PositiveIntegerField(_("年度"))
    opinion = models.TextField(_("审查意见"))
    findings = models.TextField(_("发现的问题和建议"), blank=True)
    reviewed_on = models.DateField(_("审查日期"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    opening = models.DecimalField(_("上年结转"), **MONEY)
    income = models.DecimalField(_("本年收入"), **MONEY)
    expense = models.DecimalField(_("本年支出"), **MONEY)
    closing = models.DecimalField(_("结转下年"), **MONEY)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("经费决算审查")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="final_accounts_reviewed_once")]

    def __str__(self) -> str:
        return gettext("%(year)s年度经费决算审查") % {"year": self.year}

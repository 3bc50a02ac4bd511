"""Input validation for the funds pages (every 400 of a page comes from here)."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import DateInput, MonthInput
from unionhome.core.money import MoneyField
from unionhome.funds.chart import chart_in_force, policy_in_force
from unionhome.funds.models import Kind, WelfarePayout
from unionhome.funds.services import FESTIVAL_NAMES
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker
from unionhome.members.picker import PersonPicker


def _month_label(m: int) -> str:
    return gettext("%(m)s月") % {"m": m}


MONTHS = [(m, lazy(_month_label, str)(m)) for m in range(1, 13)]  # translated when shown, not at import
DATE = DateInput()
METHODS = [("", "—"), ("转账", _("转账")), ("公务卡", _("公务卡")), ("现金", _("现金")), ("代扣", _("工资代扣")), ("其他", _("其他"))]


def category_choices(on: dt.date | None = None, *, subitems: bool = True) -> list:
    """Grouped choices "kind:category:subcategory" from the chart in force; first-level rows with
    sub-items are not selectable (rule 15: a sub-item is required)."""
    items = chart_in_force(on or timezone.localdate())
    has_subs = {(i.kind, i.category) for i in items if i.subcategory}
    groups: dict[str, list] = {}
    for i in items:
        if subitems and not i.subcategory and (i.kind, i.category) in has_subs:
            continue
        if not subitems and i.subcategory:
            continue
        parent = next((p.label for p in items if p.kind == i.kind and p.category == i.category and not p.subcategory),
                      i.label)
        group = f"{Kind(i.kind).label}·{parent}" if i.subcategory else Kind(i.kind).label
        label = f"{i.account_no} {i.label}"
        groups.setdefault(group, []).append((f"{i.kind}:{i.category}:{i.subcategory}", label))
    return [("", gettext("请选择科目"))] + list(groups.items())


def member_choices(union) -> list:
    qs = Worker.objects.filter(union=union, membership__status__in=[MembershipStatus.ACTIVE, MembershipStatus.RETAINED])
    return [("", gettext("请选择会员"))] + [(w.pk, gettext("%(name)s（%(value)s）") % {"name": w.name, "value": w.membership.card_number or w.pk})
                                   for w in qs.select_related("membership")]


class Styled(forms.Form):
    """Bootstrap classes on every widget, so templates render ``{{ field }}`` as is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class MemberField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(label=_("会员"), coerce=int, empty_value=None, widget=PersonPicker(scope="members"), **kwargs)


class EntryForm(Styled):
    on = forms.DateField(label=_("日期"), widget=DATE)
    account = forms.ChoiceField(label=_("科目 / 明细科目"))
    amount = MoneyField(label=_("金额（元）"), min_value=0.01)
    counterparty = forms.CharField(label=_("对方单位/个人"), max_length=100, required=False)
    method = forms.ChoiceField(label=_("支付方式"), choices=METHODS, required=False)
    note = forms.CharField(label=_("摘要"), max_length=300, required=False)
    receipt = forms.FileField(label=_("票据照片或PDF"), required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf",
                                                                     "capture": "environment"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = category_choices()
        self.fields["on"].initial = timezone.localdate()
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()  # the service refuses later dates

    def cleaned_account(self) -> tuple[str, str, str]:
        kind, category, subcategory = self.cleaned_data["account"].split(":")
        return kind, category, subcategory


class ReasonForm(Styled):
    reason = forms.CharField(label=_("冲销原因"), max_length=200)


class CommentForm(Styled):
    text = forms.CharField(label=_("审查意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptForm(Styled):
    file = forms.FileField(label=_("票据照片或PDF"))


class LedgerFilterForm(Styled):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, empty_value=None, required=False)
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, empty_value=None, required=False,
                                   choices=[("", _("全年"))] + MONTHS)
    kind = forms.ChoiceField(label=_("收支"), required=False, choices=[("", _("收支"))] + list(Kind.choices))
    category = forms.ChoiceField(label=_("科目"), required=False)
    q = forms.CharField(label=_("摘要/对方"), required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["year"].choices = [("", gettext("全部年度"))] + [(y, gettext("%(y)s年") % {"y": y}) for y in range(year, year - 6, -1)]
        self.fields["category"].choices = [("", gettext("全部科目"))] + [
            (i.category, i.label) for i in chart_in_force(timezone.localdate()) if not i.subcategory]


class ExportForm(Styled):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month_from = forms.TypedChoiceField(label=_("起始月"), coerce=int, choices=MONTHS, initial=1)
    month_to = forms.TypedChoiceField(label=_("截止月"), coerce=int, choices=MONTHS, initial=12)
    category = forms.CharField(required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if data.get("month_from") and data.get("month_to") and data["month_from"] > data["month_to"]:
            raise forms.ValidationError(gettext("起始月不能晚于截止月"))
        return data


class SignoffForm(Styled):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, choices=MONTHS)
    note = forms.CharField(label=_("审查意见"), max_length=500, required=False)


class DecideForm(Styled):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("decline", "decline")])
    note = forms.CharField(label=_("审批意见"), max_length=500, required=False)


class OpeningForm(Styled):
    on = forms.DateField(label=_("建账日期"), widget=DATE)
    balance = MoneyField(label=_("期初余额（元）"), min_value=0)


class BudgetForm(Styled):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    account = forms.ChoiceField(label=_("科目"))
    amount = MoneyField(label=_("预算（元）"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = category_choices(subitems=False)


class DuesPayForm(Styled):
    worker = MemberField()
    month = forms.DateField(label=_("所属月份"), widget=MonthInput(),
                            input_formats=["%Y-%m", "%Y-%m-%d"])
    amount = MoneyField(label=_("金额（元）"), min_value=0.01)
    paid_on = forms.DateField(label=_("缴纳日期"), widget=DATE)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = member_choices(union)
        self.fields["paid_on"].initial = timezone.localdate()


class DuesRateForm(Styled):
    worker = MemberField()
    from_month = forms.DateField(label=_("起始月份"), widget=MonthInput(),
                                 input_formats=["%Y-%m", "%Y-%m-%d"])
    wage_1 = MoneyField(label=_("职务工资"), max_digits=10, min_value=0)
    wage_2 = MoneyField(label=_("级别工资"), max_digits=10, min_value=0, required=False)

    def __init__(self, *args, union=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = member_choices(union)
        self.items = list(items or ["职务工资", "级别工资"])
        for field, label in zip(["wage_1", "wage_2"], self.items):
            self.fields[field].label = _(label)  # the rule's value names the wage item; its label is translated
        if len(self.items) < 2:
            del self.fields["wage_2"]

    def wage_items(self) -> dict:
        data = self.cleaned_data
        return {label: data.get(field) or 0 for field, label in zip(["wage_1", "wage_2"], self.items)}


class DuesImportForm(Styled):
    file = forms.FileField(label=_("会费表（.xlsx：会员证号、姓名、月份、金额）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
    paid_on = forms.DateField(label=_("缴纳日期"), widget=DATE)
    method = forms.ChoiceField(label=_("方式"), choices=METHODS, required=False)


class PayoutForm(Styled):
    worker = MemberField()
    benefit = forms.ChoiceField(label=_("慰问项目"), choices=WelfarePayout.Benefit.choices)
    amount = MoneyField(label=_("金额（元）"), min_value=0.01)
    form = forms.ChoiceField(label=_("发放形式"), choices=WelfarePayout.Form.choices)
    on = forms.DateField(label=_("日期"), widget=DATE)
    festival = forms.ChoiceField(label=_("节日（节日慰问）"), required=False,
                                 choices=[("", "—")] + list(FESTIVAL_NAMES.items()))
    event_key = forms.CharField(label=_("事件（结婚/生育/住院/去世）"), max_length=100, required=False)
    relation = forms.ChoiceField(label=_("亲属关系"), required=False,
                                 choices=[("", "—")] + list(WelfarePayout.Relation.choices))
    surgery = forms.BooleanField(label=_("住院并手术"), required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)
    override_reason = forms.CharField(label=_("超限额批准理由"), max_length=500, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, union=None, can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = member_choices(union)
        self.fields["on"].initial = timezone.localdate()
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()
        # Only the kinds the province's policy allows are offered: never cash or shopping cards (rule 17).
        policy = policy_in_force(union, timezone.localdate()) if union is not None else None
        allowed = set(policy.forms if policy else ["goods", "voucher"]) - {WelfarePayout.Form.CASH,
                                                                         WelfarePayout.Form.SHOPPING_CARD}
        self.fields["form"].choices = [(v, label) for v, label in WelfarePayout.Form.choices if v in allowed]
        if not can_override:
            self.fields["override_reason"].label = _("超限申请理由（超出限额时填写，申请送工会主席审批）")


class FinalReviewForm(Styled):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    opinion = forms.CharField(label=_("审查意见"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    findings = forms.CharField(label=_("发现的问题和建议"), max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

"""The welfare policy editor's form: the policy's fields, then one row per benefit and one per festival (a fixed
grid, so the page needs no script to add rows: every benefit and festival a policy can name is listed)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.core.provinces import PROVINCES
from unionhome.funds.services import FESTIVAL_NAMES
from unionhome.funds.services_policy import BENEFIT_CODES, PolicyDraft

FORMS = [("goods", _("实物")), ("voucher", _("指定商品提货券"))]


class PolicyForm(BootstrapFormMixin, forms.Form):
    province = forms.ChoiceField(label=_("省份"), choices=[(p, p) for p in PROVINCES])
    name = forms.CharField(label=_("政策名称"), max_length=200)
    source = forms.CharField(label=_("依据（文件名称、文号或网址）"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))
    effective_from = forms.DateField(label=_("生效日期"), widget=DateInput())
    effective_to = forms.DateField(label=_("失效日期（可不填）"), widget=DateInput(), required=False)
    allowed_forms = forms.MultipleChoiceField(label=_("允许的发放形式（不得发放现金、购物卡）"), choices=FORMS,
                                      widget=forms.CheckboxSelectMultiple, initial=["goods", "voucher"])
    birthday_in_month = forms.BooleanField(label=_("生日慰问限生日当月发放"), required=False)
    prize_ratio = forms.CharField(label=_("文体竞赛获奖比例上限（如 1/3，可不填）"), max_length=10, required=False)
    festival_fund_ratio = forms.CharField(label=_("全年节日慰问占当年经费收入比例上限（如 1/2，可不填）"), max_length=10,
                                          required=False)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].choices = [(p, p) for p in provinces]
        for code, label in BENEFIT_CODES.items():
            self.fields[f"item_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"cap_{code}"] = forms.CharField(label=_("%(item)s限额（元）") % {"item": label},
                                                         required=False, max_length=14)
        for code, label in FESTIVAL_NAMES.items():
            self.fields[f"fest_{code}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"fcap_{code}"] = forms.CharField(label=_("%(item)s限额（元）") % {"item": label},
                                                          required=False, max_length=14)
        for name, field in self.fields.items():
            if name.startswith(("cap_", "fcap_")):
                field.widget.attrs.update({"inputmode": "decimal", "class": "form-control form-control-sm",
                                           "placeholder": _("不限额")})

    @classmethod
    def initial_from(cls, draft: PolicyDraft) -> dict:
        initial = {"province": draft.province, "name": draft.name, "source": draft.source,
                   "effective_from": draft.effective_from, "effective_to": draft.effective_to,
                   "allowed_forms": list(draft.forms), "birthday_in_month": draft.birthday_in_month,
                   "prize_ratio": draft.prize_ratio, "festival_fund_ratio": draft.festival_fund_ratio, "note": draft.note}
        for code, cap in draft.items:
            initial[f"item_{code}"], initial[f"cap_{code}"] = True, "" if cap is None else cap
        for code, cap in draft.festivals:
            initial[f"fest_{code}"], initial[f"fcap_{code}"] = True, "" if cap is None else cap
        return initial

    def item_rows(self):
        return [(self[f"item_{code}"], self[f"cap_{code}"]) for code in BENEFIT_CODES]

    def festival_rows(self):
        return [(self[f"fest_{code}"], self[f"fcap_{code}"]) for code in FESTIVAL_NAMES]

    def main_fields(self):
        return [self[name] for name in ("province", "name", "source", "effective_from", "effective_to", "allowed_forms",
                                        "birthday_in_month", "prize_ratio", "festival_fund_ratio", "note")]

    def draft(self) -> PolicyDraft:
        d = self.cleaned_data
        return PolicyDraft(
            province=d["province"], name=d["name"], source=d["source"], effective_from=d["effective_from"],
            effective_to=d["effective_to"], forms=tuple(d["allowed_forms"]), prize_ratio=d["prize_ratio"],
            festival_fund_ratio=d["festival_fund_ratio"], birthday_in_month=d["birthday_in_month"], note=d["note"],
            items=tuple((code, d[f"cap_{code}"].strip()) for code in BENEFIT_CODES if d[f"item_{code}"]),
            festivals=tuple((code, d[f"fcap_{code}"].strip()) for code in FESTIVAL_NAMES if d[f"fest_{code}"]))

"""Input validation for the competition pages (the services check the rules)."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.competitions.models import Competition, Format, Sport
from unionhome.core.money import MoneyField
from unionhome.members.picker import PersonPicker


class CompetitionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("比赛名称"), max_length=120)
    sport = forms.ChoiceField(label=gettext_lazy("项目"), choices=Sport.choices)
    format = forms.ChoiceField(label=gettext_lazy("赛制"), choices=Format.choices)
    entry_kind = forms.ChoiceField(label=gettext_lazy("参赛方式"), choices=Competition.EntryKind.choices)
    held_on = forms.DateField(label=gettext_lazy("比赛日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)
    activity = forms.TypedChoiceField(label=gettext_lazy("所属活动"), coerce=int, required=False, empty_value=None)
    best_of = forms.TypedChoiceField(label=gettext_lazy("局数（排球、乒乓球）"), coerce=int, required=False, empty_value=None,
                                     choices=[("", gettext_lazy("按项目默认（5局3胜）")), (3, gettext_lazy("3局2胜")), (5, gettext_lazy("5局3胜")), (7, gettext_lazy("7局4胜"))])
    swiss_rounds = forms.IntegerField(label=gettext_lazy("编排轮数（瑞士制，空为自动）"), min_value=1, max_value=15, required=False)

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("（不关联活动）"))] + [(a.pk, str(a)) for a in activities]


class EntryForm(forms.Form):
    worker = forms.TypedChoiceField(label=gettext_lazy("参赛职工"), coerce=int, required=False, empty_value=None,
                                    widget=PersonPicker())
    group = forms.TypedChoiceField(label=gettext_lazy("参赛小组"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, workers=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", _("选择职工"))] + [(w.pk, w.name) for w in workers]
        self.fields["group"].choices = [("", _("选择小组"))] + [(g.pk, g.name) for g in groups]


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("结果"), required=False,
                               choices=[("", "—"), ("1-0", "1-0"), ("½-½", "½-½"), ("0-1", "0-1")])
    sets = forms.CharField(label=gettext_lazy("各局比分"), max_length=100, required=False)


class TimeForm(forms.Form):
    time = forms.CharField(label=gettext_lazy("成绩"), max_length=20, required=False)
    did_not_finish = forms.BooleanField(label=gettext_lazy("未完成"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("time") and not data.get("did_not_finish"):
            raise forms.ValidationError(_("请填写成绩或勾选未完成"))
        return data


class PrizeForm(forms.Form):
    """Up to three prize tiers: 一等奖 / 二等奖 / 三等奖, each with a number of winners and a value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, (title, count, value) in enumerate([(_("一等奖"), 1, 300), (_("二等奖"), 1, 200), (_("三等奖"), 1, 100)], 1):
            self.fields[f"title_{i}"] = forms.CharField(label=_("奖项%(i)s") % {"i": i}, max_length=40, initial=title, required=False)
            self.fields[f"count_{i}"] = forms.IntegerField(label=_("人数"), min_value=0, max_value=100, initial=count,
                                                           required=False)
            self.fields[f"amount_{i}"] = MoneyField(label=_("每人奖品价值（元）"), initial=value, required=False)
    awarded_on = forms.DateField(label=gettext_lazy("颁奖日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def tiers(self) -> list[tuple[str, int, Decimal]]:
        d = self.cleaned_data
        return [(d[f"title_{i}"] or "", d[f"count_{i}"] or 0, d[f"amount_{i}"] or Decimal(0)) for i in (1, 2, 3)]

    def tier_rows(self):
        return [(self[f"title_{i}"], self[f"count_{i}"], self[f"amount_{i}"]) for i in (1, 2, 3)]

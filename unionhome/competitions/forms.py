"""Input validation for the competition pages (the services check the rules)."""
from __future__ import annotations

from decimal import Decimal

from django import forms

from unionhome.competitions.models import Competition, Format, Sport
from unionhome.core.money import MoneyField
from unionhome.members.picker import PersonPicker


class CompetitionForm(forms.Form):
    title = forms.CharField(label="比赛名称", max_length=120)
    sport = forms.ChoiceField(label="项目", choices=Sport.choices)
    format = forms.ChoiceField(label="赛制", choices=Format.choices)
    entry_kind = forms.ChoiceField(label="参赛方式", choices=Competition.EntryKind.choices)
    held_on = forms.DateField(label="比赛日期", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="地点", max_length=200, required=False)
    activity = forms.TypedChoiceField(label="所属活动", coerce=int, required=False, empty_value=None)
    best_of = forms.TypedChoiceField(label="局数（排球、乒乓球）", coerce=int, required=False, empty_value=None,
                                     choices=[("", "按项目默认（5局3胜）"), (3, "3局2胜"), (5, "5局3胜"), (7, "7局4胜")])
    swiss_rounds = forms.IntegerField(label="编排轮数（瑞士制，空为自动）", min_value=1, max_value=15, required=False)

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "（不关联活动）")] + [(a.pk, str(a)) for a in activities]


class EntryForm(forms.Form):
    worker = forms.TypedChoiceField(label="参赛职工", coerce=int, required=False, empty_value=None,
                                    widget=PersonPicker())
    group = forms.TypedChoiceField(label="参赛小组", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, workers=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", "选择职工")] + [(w.pk, w.name) for w in workers]
        self.fields["group"].choices = [("", "选择小组")] + [(g.pk, g.name) for g in groups]


class ResultForm(forms.Form):
    result = forms.ChoiceField(label="结果", required=False,
                               choices=[("", "—"), ("1-0", "1-0"), ("½-½", "½-½"), ("0-1", "0-1")])
    sets = forms.CharField(label="各局比分", max_length=100, required=False)


class TimeForm(forms.Form):
    time = forms.CharField(label="成绩", max_length=20, required=False)
    did_not_finish = forms.BooleanField(label="未完成", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("time") and not data.get("did_not_finish"):
            raise forms.ValidationError("请填写成绩或勾选未完成")
        return data


class PrizeForm(forms.Form):
    """Up to three prize tiers: 一等奖 / 二等奖 / 三等奖, each with a number of winners and a value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, (title, count, value) in enumerate([("一等奖", 1, 300), ("二等奖", 1, 200), ("三等奖", 1, 100)], 1):
            self.fields[f"title_{i}"] = forms.CharField(label=f"奖项{i}", max_length=40, initial=title, required=False)
            self.fields[f"count_{i}"] = forms.IntegerField(label="人数", min_value=0, max_value=100, initial=count,
                                                           required=False)
            self.fields[f"amount_{i}"] = MoneyField(label="每人奖品价值（元）", initial=value, required=False)
    awarded_on = forms.DateField(label="颁奖日期", widget=forms.DateInput(attrs={"type": "date"}))

    def tiers(self) -> list[tuple[str, int, Decimal]]:
        d = self.cleaned_data
        return [(d[f"title_{i}"] or "", d[f"count_{i}"] or 0, d[f"amount_{i}"] or Decimal(0)) for i in (1, 2, 3)]

    def tier_rows(self):
        return [(self[f"title_{i}"], self[f"count_{i}"], self[f"amount_{i}"]) for i in (1, 2, 3)]

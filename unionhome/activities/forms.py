"""Input validation for the activity pages (every 400 comes from here; rules live in the services)."""
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhome.activities.models import Activity, ActivitySeries, Asset
from unionhome.activities.services import COST_KEYS
from unionhome.core.money import MoneyField
from unionhome.funds.chart import source_category_choices
from unionhome.members.models import Worker
from unionhome.members.picker import PeoplePicker, PersonPicker
from unionhome.org.models import UnionGroup

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled(forms.Form):
    """Bootstrap classes on every widget, so templates render ``{{ field }}`` as is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = ("form-check-input" if isinstance(widget, forms.CheckboxInput)
                   else "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs["class"] = css


class ActivityForm(Styled):
    kind = forms.ChoiceField(label=_("类型"), choices=Activity.Kind.choices)
    title = forms.CharField(label=_("名称"), max_length=120)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DT)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DT)
    repeat = forms.ChoiceField(label=_("重复"), required=False,
                               choices=[("", _("不重复"))] + list(ActivitySeries.Frequency.choices),
                               help_text=_("每周或每月一次的系列活动：每一次单独报名、签到，可单独取消或改期"))
    occurrences = forms.IntegerField(label=_("次数"), min_value=2, required=False, help_text=_("重复时填写，如 50"))
    signup_opens_at = forms.DateTimeField(label=_("报名开始"), widget=DT, required=False)
    signup_closes_at = forms.DateTimeField(label=_("报名截止"), widget=DT, required=False)
    partner = forms.CharField(label=_("合作工会/主办方"), max_length=120, required=False)
    recurrence = forms.CharField(label=_("活动周期"), max_length=60, required=False, help_text=_("如：每周五下午"))
    capacity = forms.IntegerField(label=_("名额"), min_value=0, required=False, help_text=_("空表示不限"))
    waitlist = forms.BooleanField(label=_("名额满后允许候补"), required=False, initial=True)
    eligibility = forms.ChoiceField(label=_("参加范围"), choices=Activity.Eligibility.choices)
    budget = MoneyField(label=_("预算（元）"), required=False)
    description = forms.CharField(label=_("简介"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    organisers = forms.ModelMultipleChoiceField(label=_("组织者"), queryset=Worker.objects.none(), required=False,
                                                widget=PeoplePicker())

    def __init__(self, *args, union=None, series=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = Worker.objects.filter(union=union).on_roster()
        if not series:  # editing changes one activity (one occurrence of a series), never creates a series
            del self.fields["repeat"], self.fields["occurrences"]
        # One places field per union group, read when the eligibility is 按小组分配名额.
        self.groups = list(UnionGroup.objects.filter(union=union)) if union is not None else []
        for group in self.groups:
            self.fields[f"quota_{group.pk}"] = forms.IntegerField(
                label=_("小组名额：%(group)s") % {"group": group.name}, min_value=0, required=False,
                help_text=_("参加范围为“按小组分配名额”时填写"), widget=forms.NumberInput(attrs={"class": "form-control"}))

    def clean(self):
        data = super().clean()
        if data.get("repeat") and not data.get("occurrences"):
            self.add_error("occurrences", _("请填写重复次数"))
        return data

    def activity_data(self) -> dict:
        """The cleaned fields of the activity, without the per-group places and the repetition."""
        return {k: v for k, v in self.cleaned_data.items()
                if not k.startswith("quota_") and k not in ("repeat", "occurrences")}

    def quotas(self) -> dict:
        """{group: places} for every group whose places were filled in."""
        return {g: self.cleaned_data[f"quota_{g.pk}"] for g in self.groups
                if self.cleaned_data.get(f"quota_{g.pk}") is not None}


class WorkerPickForm(Styled):
    worker = forms.ModelChoiceField(label=_("人员"), queryset=Worker.objects.none(), widget=PersonPicker())

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = Worker.objects.filter(union=union, membership__isnull=False)


class CheckinForm(Styled):
    code = forms.CharField(label=_("签到码"), max_length=200)


def _cost_kinds() -> list[tuple[str, str]]:
    # the sub-items of 职工活动支出 that the rule figure funds.source_categories offers for an activity's cost
    return source_category_choices(COST_KEYS, on=timezone.localdate())


class CostForm(Styled):
    on = forms.DateField(label=_("日期"), widget=DATE)
    amount = MoneyField(label=_("金额（元）"), min_value=Decimal("0.01"))
    subcategory = forms.ChoiceField(label=_("经费科目（职工活动支出）"), choices=_cost_kinds)
    counterparty = forms.CharField(label=_("收款方"), max_length=120, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False, help_text=_("如：场地费、服装、奖品"))


class PhotoForm(Styled):
    file = forms.FileField(label=_("照片"))
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)


class AssetForm(Styled):
    name = forms.CharField(label=_("名称"), max_length=120)
    code = forms.CharField(label=_("编号"), max_length=40)
    category = forms.ChoiceField(label=_("类别"), choices=Asset.Category.choices)
    price = MoneyField(label=_("购置价（元）"), required=False)
    purchased_on = forms.DateField(label=_("购置日期"), widget=DATE, required=False)
    supplier = forms.CharField(label=_("供应商"), max_length=120, required=False)
    location = forms.CharField(label=_("存放位置"), max_length=120, required=False)
    lendable = forms.BooleanField(label=_("可外借"), required=False, initial=True)


class LoanForm(Styled):
    asset = forms.ModelChoiceField(label=_("物品"), queryset=Asset.objects.none())
    worker = forms.ModelChoiceField(label=_("借用人"), queryset=Worker.objects.none(), widget=PersonPicker())
    due_on = forms.DateField(label=_("应还日期"), widget=DATE, required=False, help_text=_("空：按活动室制度的借期"))

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = Asset.objects.filter(union=union, lendable=True).exclude(
            condition__in=[Asset.Condition.BROKEN, Asset.Condition.RETIRED])
        self.fields["worker"].queryset = Worker.objects.filter(union=union, membership__isnull=False)


class ReturnForm(Styled):
    condition = forms.ChoiceField(label=_("归还时状况"), choices=[("", _("不变"))] + list(Asset.Condition.choices),
                                  required=False)


class RoomForm(Styled):
    name = forms.CharField(label=_("名称"), max_length=80, help_text=_("如：职工活动室、三楼会议室"))
    location = forms.CharField(label=_("位置"), max_length=120, required=False)
    capacity = forms.IntegerField(label=_("容纳人数"), required=False, min_value=1, max_value=32767)
    hours = forms.CharField(label=_("开放时间"), max_length=120, required=False, help_text=_("如：工作日 12:00–13:30，周五下午"))


class BookingForm(Styled):
    room = forms.ModelChoiceField(label=_("场地"), queryset=None)
    starts_at = forms.DateTimeField(label=_("开始"), widget=DT)
    ends_at = forms.DateTimeField(label=_("结束"), widget=DT)
    purpose = forms.CharField(label=_("用途"), max_length=120)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        from unionhome.activities.models import Room

        self.fields["room"].queryset = Room.objects.filter(union=union, closed=False)

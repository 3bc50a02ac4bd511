"""Input validation for the care pages (every 400 comes from here; rules live in the services)."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from unionhome.care.models.drives import BloodOutcome, Donation
from unionhome.care.models.hardship import (AssistanceKind, Cause, CloseReason, ConsentKind, HealthStatus,
                                            Identity)
from unionhome.care.models.visits import Festival, GiftForm, Relation, VisitKind
from unionhome.care.services.hardship import EXCLUSIONS
from unionhome.members.models import Worker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = dict(max_digits=12, decimal_places=2, min_value=0)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UnionWorkerField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Worker.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit.name if obj.unit_id else '—'}）"


class UnionForm(forms.Form):
    """A form whose worker pickers are limited to the request's union."""

    worker_fields = ("worker",)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.worker_fields:
            if name in self.fields:
                self.fields[name].queryset = Worker.objects.filter(union=union).select_related("unit")


class VisitForm(UnionForm):
    worker = UnionWorkerField(label="慰问对象", widget=forms.HiddenInput,
                              error_messages={"required": "请先搜索并选择慰问对象", "invalid_choice": "请重新选择慰问对象"})
    kind = forms.ChoiceField(label="慰问类型", choices=VisitKind.choices, initial=VisitKind.HOSPITAL)
    visited_on = forms.DateField(label="慰问日期", widget=DATE)
    amount = forms.DecimalField(label="金额（元）", **MONEY)
    gift_form = forms.ChoiceField(label="慰问形式", choices=GiftForm.choices, initial=GiftForm.GOODS)
    gift = forms.CharField(label="慰问品/内容", max_length=200, required=False)
    surgery = forms.BooleanField(label="做了手术", required=False)
    festival = forms.ChoiceField(label="节日", choices=[("", "—")] + Festival.choices, required=False)
    relation = forms.ChoiceField(label="去世亲属与会员关系", choices=[("", "—")] + Relation.choices, required=False)
    event_key = forms.CharField(label="事件标识（可不填）", max_length=60, required=False)
    officers = forms.ModelMultipleChoiceField(label="参加慰问人员", queryset=Worker.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = forms.FileField(label="照片", required=False, widget=MultipleImageInput(attrs={"accept": "image/*"}))
    override_reason = forms.CharField(label="超标准发放理由（主席批准）", max_length=300, required=False)

    def __init__(self, *args, union=None, officers=None, **kwargs):
        super().__init__(*args, union=union, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["officers"].queryset = officers if officers is not None else Worker.objects.none()


class ConsentForm(UnionForm):
    worker = UnionWorkerField(label="职工")
    kind = forms.ChoiceField(label="同意类型", choices=ConsentKind.choices)
    given_on = forms.DateField(label="签署日期", widget=DATE)
    signed_by = forms.CharField(label="签署人", max_length=50)
    subject_name = forms.CharField(label="子女姓名（监护人同意）", max_length=50, required=False)
    subject_birth_date = forms.DateField(label="子女出生日期", widget=DATE, required=False)


class HardshipForm(UnionForm):
    worker = UnionWorkerField(label="困难职工")
    opened_on = forms.DateField(label="建档日期", widget=DATE)
    place = forms.CharField(label="低保标准适用地", max_length=40, initial="*",
                            help_text="按本工会配置的地区低保标准；“*”为默认标准")
    household_head_id = forms.CharField(label="户主身份证号（本人为户主可不填）", max_length=18, required=False)
    household_size = forms.IntegerField(label="家庭人口", min_value=1, max_value=30)
    annual_income = forms.DecimalField(label="家庭年可支配收入（元）", **MONEY)
    rigid_spending = forms.DecimalField(label="刚性支出（元/年：医疗、教育等）", initial=0, **MONEY)
    accident_costs = forms.DecimalField(label="意外事件支出（扣除赔偿保险后，元）", required=False, **MONEY)
    identity = forms.ChoiceField(label="身份", choices=Identity.choices)
    political_status = forms.CharField(label="政治面貌", max_length=20, required=False)
    model_worker = forms.CharField(label="劳模类别", max_length=20, required=False, initial="无")
    marital_status = forms.ChoiceField(label="婚姻状况", required=False,
                                       choices=[("", "—")] + [(v, v) for v in ("未婚", "已婚", "离异", "丧偶")])
    hukou_type = forms.ChoiceField(label="户口类型", required=False,
                                   choices=[("", "—"), ("城镇", "城镇"), ("农村", "农村")])
    housing_type = forms.ChoiceField(label="住房类型", required=False,
                                     choices=[("", "—")] + [(v, v) for v in ("自有", "租住", "公租房", "借住", "无房")])
    housing_area = forms.ChoiceField(label="住房面积", required=False,
                                     choices=[("", "—")] + [(v, v) for v in ("30㎡以下", "30-60㎡", "60-90㎡", "90㎡以上")])
    health_status = forms.ChoiceField(label="健康状况", choices=HealthStatus.choices)
    health_detail = forms.CharField(label="疾病/残疾说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cause = forms.ChoiceField(label="致困原因", choices=Cause.choices)
    cause_detail = forms.CharField(label="致困情况说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    exclusions = forms.MultipleChoiceField(label="排除情形（如有，不能建档）", required=False,
                                           choices=list(EXCLUSIONS.items()), widget=forms.CheckboxSelectMultiple)
    child_name = forms.CharField(label="家庭成员姓名", max_length=50, required=False)
    child_relation = forms.CharField(label="与户主关系", max_length=20, required=False)
    child_birth_date = forms.DateField(label="出生日期", widget=DATE, required=False)
    child_occupation = forms.CharField(label="职业/就学", max_length=50, required=False)

    def household(self) -> list[dict]:
        d = self.cleaned_data
        if not d.get("child_name"):
            return []
        return [{"name": d["child_name"], "relation": d.get("child_relation") or "子女",
                 "birth_date": d.get("child_birth_date"), "occupation": d.get("child_occupation") or ""}]

    def clean(self):
        data = super().clean()
        if data.get("child_name") and not data.get("child_birth_date"):
            self.add_error("child_birth_date", "请填写家庭成员的出生日期")
        return data


class ReviewForm(forms.Form):
    on = forms.DateField(label="复核日期", widget=DATE)
    household_size = forms.IntegerField(label="家庭人口", min_value=1, max_value=30)
    annual_income = forms.DecimalField(label="家庭年可支配收入（元）", **MONEY)
    rigid_spending = forms.DecimalField(label="刚性支出（元/年）", initial=0, **MONEY)
    accident_costs = forms.DecimalField(label="意外事件支出（元）", required=False, **MONEY)
    note = forms.CharField(label="复核说明", max_length=300, required=False)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label="销档原因", choices=CloseReason.choices)
    on = forms.DateField(label="销档日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=300, required=False)


class PublishForm(forms.Form):
    starts_on = forms.DateField(label="公示开始日期", widget=DATE)


class AssistanceForm(forms.Form):
    kind = forms.ChoiceField(label="帮扶类型", choices=AssistanceKind.choices)
    amount = forms.DecimalField(label="金额（元）", **MONEY)
    given_on = forms.DateField(label="日期", widget=DATE)
    description = forms.CharField(label="内容", max_length=200, required=False)


class WarmthForm(forms.Form):
    name = forms.CharField(label="活动名称", max_length=100)
    festival = forms.ChoiceField(label="节日", choices=Festival.choices, initial=Festival.SPRING)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    default_amount = forms.DecimalField(label="每户标准（元）", **MONEY)


class AssignForm(UnionForm):
    worker_fields = ("officer",)
    officer = UnionWorkerField(label="走访人")


class DoneForm(forms.Form):
    on = forms.DateField(label="走访日期", widget=DATE)
    amount = forms.DecimalField(label="金额（元）", required=False, **MONEY)
    gift = forms.CharField(label="慰问品", max_length=200, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)


class HealthCampaignForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    clinic = forms.CharField(label="合作医疗机构", max_length=100, initial="县妇幼保健站")
    include_retirees = forms.BooleanField(label="包括退休女会员", required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SlotsForm(forms.Form):
    day = forms.DateField(label="日期", widget=DATE)
    times = forms.CharField(label="时段（如 08:00-10:00, 10:00-12:00）", max_length=200,
                            initial="08:00-10:00, 10:00-12:00, 14:30-17:00")
    capacity = forms.IntegerField(label="每时段名额", min_value=1, max_value=500)

    def clean_times(self):
        import datetime as dt

        out = []
        for part in self.cleaned_data["times"].replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                start, end = (dt.time.fromisoformat(x.strip()) for x in part.split("-"))
            except ValueError:
                raise forms.ValidationError(f"时段“{part}”格式应为 08:00-10:00")
            out.append((start, end))
        if not out:
            raise forms.ValidationError("请至少填写一个时段")
        return out


class AttendForm(forms.Form):
    on = forms.DateField(label="体检日期", widget=DATE)
    attended = forms.TypedChoiceField(label="是否到检", choices=[("1", "已体检"), ("0", "未到")], coerce=lambda v: v == "1")


class ResultForm(forms.Form):
    result = forms.CharField(label="检查结果", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DonationDriveForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    cause = forms.CharField(label="捐助事由", max_length=200)
    recipient = forms.CharField(label="接收单位/对象", max_length=100)
    opened_on = forms.DateField(label="开始日期", widget=DATE)


class DonationForm(UnionForm):
    worker = UnionWorkerField(label="捐赠人")
    kind = forms.ChoiceField(label="类型", choices=Donation.Kind.choices)
    pledged = forms.DecimalField(label="认捐金额/物品估值（元）", **MONEY)
    received = forms.DecimalField(label="已收（元）", required=False, initial=0, **MONEY)
    goods = forms.CharField(label="物品", max_length=200, required=False)
    received_on = forms.DateField(label="收到日期", widget=DATE, required=False)


class ReceiveForm(forms.Form):
    received = forms.DecimalField(label="已收（元）", **MONEY)
    on = forms.DateField(label="收到日期", widget=DATE)


class HandoverForm(forms.Form):
    on = forms.DateField(label="移交日期", widget=DATE)
    note = forms.CharField(label="移交说明（收据号等）", max_length=300, required=False)


class BloodDriveForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    held_on = forms.DateField(label="日期", widget=DATE)
    partner = forms.CharField(label="合作单位", max_length=100, initial="县红十字会")
    place = forms.CharField(label="地点", max_length=100, required=False)


class VolunteerForm(UnionForm):
    worker = UnionWorkerField(label="志愿者")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="结果", choices=BloodOutcome.choices)
    volume_ml = forms.IntegerField(label="献血量（毫升）", required=False, min_value=50, max_value=600)

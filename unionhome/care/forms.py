"""Input validation for the care pages (every 400 comes from here; rules live in the services)."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.care.models.drives import BloodOutcome, Donation
from unionhome.care.models.hardship import AssistanceKind, Cause, CloseReason, ConsentKind, HealthStatus, Identity
from unionhome.care.models.visits import Festival, GiftForm, Relation, VisitKind
from unionhome.care.services.hardship import EXCLUSIONS, MAX_HOUSEHOLD
from unionhome.core import idcard
from unionhome.core.forms import MultipleImageField
from unionhome.core.money import MoneyField
from unionhome.members.models import Worker
from unionhome.members.picker import PersonPicker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = dict(min_value=0)  # MoneyField: the one money parser (two decimals at most, never rounded)


class UnionWorkerField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Worker.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return _("%(name)s（%(value)s）") % {"name": obj.name, "value": obj.unit.name if obj.unit_id else '—'}


class UnionForm(forms.Form):
    """A form whose worker pickers are limited to the request's union."""

    worker_fields = ("worker",)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.worker_fields:
            if name in self.fields:
                self.fields[name].queryset = Worker.objects.filter(union=union).select_related("unit")


class VisitForm(UnionForm):
    worker = UnionWorkerField(label=gettext_lazy("慰问对象"), widget=forms.HiddenInput,
                              error_messages={"required": gettext_lazy("请先搜索并选择慰问对象"), "invalid_choice": gettext_lazy("请重新选择慰问对象")})
    kind = forms.ChoiceField(label=gettext_lazy("慰问类型"), choices=VisitKind.choices, initial=VisitKind.HOSPITAL)
    visited_on = forms.DateField(label=gettext_lazy("慰问日期"), widget=DATE)
    amount = MoneyField(label=gettext_lazy("金额（元）"), **MONEY)
    gift_form = forms.ChoiceField(label=gettext_lazy("慰问形式"), choices=GiftForm.choices, initial=GiftForm.GOODS)
    gift = forms.CharField(label=gettext_lazy("慰问品/内容"), max_length=200, required=False)
    surgery = forms.BooleanField(label=gettext_lazy("做了手术"), required=False)
    festival = forms.ChoiceField(label=gettext_lazy("节日"), choices=[("", "—")] + Festival.choices, required=False)
    relation = forms.ChoiceField(label=gettext_lazy("去世亲属与会员关系"), choices=[("", "—")] + Relation.choices, required=False)
    event_key = forms.CharField(label=gettext_lazy("事件标识（可不填）"), max_length=60, required=False)
    officers = forms.ModelMultipleChoiceField(label=gettext_lazy("参加慰问人员"), queryset=Worker.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=gettext_lazy("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultipleImageField(label=gettext_lazy("照片"), required=False)
    override_reason = forms.CharField(label=gettext_lazy("超标准发放理由（主席批准）"), max_length=300, required=False)

    def __init__(self, *args, union=None, officers=None, **kwargs):
        super().__init__(*args, union=union, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["officers"].queryset = officers if officers is not None else Worker.objects.none()


class DischargeForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("出院日期"), widget=DATE)


class ConsentForm(UnionForm):
    worker = UnionWorkerField(label=gettext_lazy("职工"), widget=PersonPicker())
    kind = forms.ChoiceField(label=gettext_lazy("同意类型"), choices=ConsentKind.choices)
    given_on = forms.DateField(label=gettext_lazy("签署日期"), widget=DATE)
    signed_by = forms.CharField(label=gettext_lazy("签署人"), max_length=50)
    subject_name = forms.CharField(label=gettext_lazy("子女姓名（监护人同意）"), max_length=50, required=False)
    subject_birth_date = forms.DateField(label=gettext_lazy("子女出生日期"), widget=DATE, required=False)


class HardshipForm(UnionForm):
    worker = UnionWorkerField(label=gettext_lazy("困难职工"))
    opened_on = forms.DateField(label=gettext_lazy("建档日期"), widget=DATE)
    place = forms.CharField(label=gettext_lazy("低保标准适用地"), max_length=40, initial="*",
                            help_text=gettext_lazy("按本工会配置的地区低保标准；“*”为默认标准"))
    household_head_id = forms.CharField(label=gettext_lazy("户主身份证号（本人为户主可不填）"), max_length=18, required=False)
    own_income = MoneyField(label=gettext_lazy("本人年收入（元）"), **MONEY)
    rigid_spending = MoneyField(label=gettext_lazy("刚性支出（元/年：医疗、教育等）"), initial=0, **MONEY)
    accident_costs = MoneyField(label=gettext_lazy("意外事件支出（扣除赔偿保险后，元）"), required=False, **MONEY)
    identity = forms.ChoiceField(label=gettext_lazy("身份"), choices=Identity.choices)
    political_status = forms.CharField(label=gettext_lazy("政治面貌"), max_length=20, required=False)
    model_worker = forms.CharField(label=gettext_lazy("劳模类别"), max_length=20, required=False, initial=gettext_lazy("无"))
    marital_status = forms.ChoiceField(label=gettext_lazy("婚姻状况"), required=False,
                                       choices=[("", "—")] + [("未婚", gettext_lazy("未婚")), ("已婚", gettext_lazy("已婚")), ("离异", gettext_lazy("离异")), ("丧偶", gettext_lazy("丧偶"))])
    hukou_type = forms.ChoiceField(label=gettext_lazy("户口类型"), required=False,
                                   choices=[("", "—"), ("城镇", gettext_lazy("城镇")), ("农村", gettext_lazy("农村"))])
    housing_type = forms.ChoiceField(label=gettext_lazy("住房类型"), required=False,
                                     choices=[("", "—")] + [("自有", gettext_lazy("自有")), ("租住", gettext_lazy("租住")), ("公租房", gettext_lazy("公租房")), ("借住", gettext_lazy("借住")), ("无房", gettext_lazy("无房"))])
    housing_area = forms.ChoiceField(label=gettext_lazy("住房面积"), required=False,
                                     choices=[("", "—")] + [("30㎡以下", gettext_lazy("30㎡以下")), ("30-60㎡", "30-60㎡"), ("60-90㎡", "60-90㎡"), ("90㎡以上", gettext_lazy("90㎡以上"))])
    health_status = forms.ChoiceField(label=gettext_lazy("健康状况"), choices=HealthStatus.choices)
    health_detail = forms.CharField(label=gettext_lazy("疾病/残疾说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cause = forms.ChoiceField(label=gettext_lazy("致困原因"), choices=Cause.choices)
    cause_detail = forms.CharField(label=gettext_lazy("致困情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    exclusions = forms.MultipleChoiceField(label=gettext_lazy("排除情形（如有，不能建档）"), required=False,
                                           choices=list(EXCLUSIONS.items()), widget=forms.CheckboxSelectMultiple)


RELATIONS = [("配偶", gettext_lazy("配偶")), ("子女", gettext_lazy("子女")), ("父母", gettext_lazy("父母")), ("岳父母/公婆", gettext_lazy("岳父母/公婆")), ("祖父母/外祖父母", gettext_lazy("祖父母/外祖父母")), ("孙子女/外孙子女", gettext_lazy("孙子女/外孙子女")), ("兄弟姐妹", gettext_lazy("兄弟姐妹")), ("其他", gettext_lazy("其他"))]


class HouseholdMemberForm(forms.Form):
    """One row of 家庭成员情况 (the worker is not a row: the file's own fields describe them)."""

    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, error_messages={"required": gettext_lazy("请填写姓名")})
    relation = forms.ChoiceField(label=gettext_lazy("与本人关系"), choices=[("", gettext_lazy("请选择"))] + RELATIONS,
                                 error_messages={"required": gettext_lazy("请选择与本人关系")})
    id_number = forms.CharField(label=gettext_lazy("身份证号（可不填）"), max_length=18, required=False)
    birth_date = forms.DateField(label=gettext_lazy("出生日期（填身份证号可不填）"), widget=DATE, required=False,
                                 error_messages={"invalid": gettext_lazy("出生日期格式不正确")})
    health_status = forms.ChoiceField(label=gettext_lazy("健康状况"), choices=HealthStatus.choices, initial=HealthStatus.HEALTHY)
    occupation = forms.CharField(label=gettext_lazy("工作/就学情况"), max_length=50, required=False,
                                 widget=forms.TextInput(attrs={"placeholder": gettext_lazy("如：在职、失业、在校、学龄前、退休")}))
    annual_income = MoneyField(label=gettext_lazy("年收入（元）"), required=False, **MONEY,
                                       error_messages={"invalid": gettext_lazy("请填写金额（数字）"),
                                                       "min_value": gettext_lazy("收入不能为负数")})

    def clean_id_number(self):
        number = idcard.normalise(self.cleaned_data["id_number"])
        if number and (message := idcard.validate(number)):
            raise forms.ValidationError(message)
        return number

    def clean(self):
        data = super().clean()
        if not data.get("id_number") and not data.get("birth_date") and "birth_date" not in self.errors \
                and "id_number" not in self.errors:
            self.add_error("birth_date", _("请填写出生日期或身份证号"))
        return data


class BaseHouseholdFormSet(forms.BaseFormSet):
    def members(self) -> list[dict]:
        """The rows to store: filled in and not marked for removal."""
        return [f.cleaned_data for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]


HouseholdFormSet = forms.formset_factory(
    HouseholdMemberForm, formset=BaseHouseholdFormSet, extra=0, can_delete=True, max_num=MAX_HOUSEHOLD - 1,
    validate_max=True)


def household_formset(data=None, *, initial=None) -> BaseHouseholdFormSet:
    formset = HouseholdFormSet(data, initial=initial, prefix="household",
                               error_messages={"too_many_forms": _("家庭人口不能超过%(MAX_HOUSEHOLD)s人") % {"MAX_HOUSEHOLD": MAX_HOUSEHOLD}})
    for form in formset:
        form.fields["DELETE"].label = _("移除此人")
    return formset


class ReviewForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("复核日期"), widget=DATE)
    own_income = MoneyField(label=gettext_lazy("本人年收入（元）"), **MONEY)
    rigid_spending = MoneyField(label=gettext_lazy("刚性支出（元/年）"), initial=0, **MONEY)
    accident_costs = MoneyField(label=gettext_lazy("意外事件支出（元）"), required=False, **MONEY)
    note = forms.CharField(label=gettext_lazy("复核说明"), max_length=300, required=False)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("销档原因"), choices=CloseReason.choices)
    on = forms.DateField(label=gettext_lazy("销档日期"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("说明"), max_length=300, required=False)


class PublishForm(forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("公示开始日期"), widget=DATE)


class AssistanceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("帮扶类型"), choices=AssistanceKind.choices)
    amount = MoneyField(label=gettext_lazy("金额（元）"), **MONEY)
    given_on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    description = forms.CharField(label=gettext_lazy("内容"), max_length=200, required=False)


class WarmthForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("活动名称"), max_length=100)
    festival = forms.ChoiceField(label=gettext_lazy("节日"), choices=Festival.choices, initial=Festival.SPRING)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    default_amount = MoneyField(label=gettext_lazy("每户标准（元）"), **MONEY)


class AssignForm(UnionForm):
    worker_fields = ("officer",)
    officer = UnionWorkerField(label=gettext_lazy("走访人"))


class DoneForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("走访日期"), widget=DATE)
    amount = MoneyField(label=gettext_lazy("金额（元）"), required=False, **MONEY)
    gift = forms.CharField(label=gettext_lazy("慰问品"), max_length=200, required=False)
    note = forms.CharField(label=gettext_lazy("备注"), max_length=300, required=False)


class VisitedForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("走访日期"), widget=DATE)
    gift = forms.CharField(label=gettext_lazy("慰问品"), max_length=200, required=False)
    note = forms.CharField(label=gettext_lazy("备注（同去的人等）"), max_length=300, required=False)


class HealthCampaignForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    clinic = forms.CharField(label=gettext_lazy("合作医疗机构"), max_length=100, initial=gettext_lazy("县妇幼保健站"))
    include_retirees = forms.BooleanField(label=gettext_lazy("包括退休女会员"), required=False)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SlotsForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    times = forms.CharField(label=gettext_lazy("时段（如 08:00-10:00, 10:00-12:00）"), max_length=200,
                            initial="08:00-10:00, 10:00-12:00, 14:30-17:00")
    capacity = forms.IntegerField(label=gettext_lazy("每时段名额"), min_value=1, max_value=500)

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
                raise forms.ValidationError(_("时段“%(part)s”格式应为 08:00-10:00") % {"part": part})
            out.append((start, end))
        if not out:
            raise forms.ValidationError(_("请至少填写一个时段"))
        return out


class AttendForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("体检日期"), widget=DATE)
    attended = forms.TypedChoiceField(label=gettext_lazy("是否到检"), choices=[("1", gettext_lazy("已体检")), ("0", gettext_lazy("未到"))], coerce=lambda v: v == "1")


class ResultForm(forms.Form):
    result = forms.CharField(label=gettext_lazy("检查结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DonationDriveForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    cause = forms.CharField(label=gettext_lazy("捐助事由"), max_length=200)
    recipient = forms.CharField(label=gettext_lazy("接收单位/对象"), max_length=100)
    opened_on = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)


class DonationForm(UnionForm):
    worker = UnionWorkerField(label=gettext_lazy("捐赠人"))
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=Donation.Kind.choices)
    pledged = MoneyField(label=gettext_lazy("认捐金额/物品估值（元）"), **MONEY)
    received = MoneyField(label=gettext_lazy("已收（元）"), required=False, initial=0, **MONEY)
    goods = forms.CharField(label=gettext_lazy("物品"), max_length=200, required=False)
    received_on = forms.DateField(label=gettext_lazy("收到日期"), widget=DATE, required=False)


class ReceiveForm(forms.Form):
    received = MoneyField(label=gettext_lazy("已收（元）"), **MONEY)
    on = forms.DateField(label=gettext_lazy("收到日期"), widget=DATE)


class HandoverForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("移交日期"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("移交说明（收据号等）"), max_length=300, required=False)


class BloodDriveForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    held_on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    partner = forms.CharField(label=gettext_lazy("合作单位"), max_length=100, initial=gettext_lazy("县红十字会"))
    place = forms.CharField(label=gettext_lazy("地点"), max_length=100, required=False)


class VolunteerForm(UnionForm):
    worker = UnionWorkerField(label=gettext_lazy("志愿者"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("结果"), choices=BloodOutcome.choices)
    volume_ml = forms.IntegerField(label=gettext_lazy("献血量（毫升）"), required=False, min_value=50, max_value=600)

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core import idcard
from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.members.choices import (
    AGE_BANDS,
    ETHNICITY_CHOICES,
    Education,
    EmploymentStatus,
    Gender,
    MembershipStatus,
    PoliticalStatus,
)
from unionhome.org.models import UnionGroup, Unit


class WorkerFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("姓名 / 拼音 / 首字母 / 身份证后4位 / 会员证号 / 手机号")}))
    unit = forms.TypedChoiceField(label=_("单位"), required=False, coerce=int, empty_value=None)
    group = forms.TypedChoiceField(label=_("小组"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("会籍"), required=False,
                               choices=[("", _("全部"))] + list(MembershipStatus.choices) + [("none", _("非会员"))])
    gender = forms.ChoiceField(label=_("性别"), required=False, choices=[("", _("全部"))] + list(Gender.choices))
    age_band = forms.ChoiceField(label=_("年龄段"), required=False,
                                 choices=[("", _("全部"))] + [(k, label) for k, label, _a, _b in AGE_BANDS])
    ethnicity = forms.ChoiceField(label=_("民族"), required=False, choices=[("", _("全部"))] + ETHNICITY_CHOICES)
    employment_status = forms.ChoiceField(label=_("在职状态"), required=False,
                                          choices=[("", _("全部"))] + list(EmploymentStatus.choices))

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部"))] + [(u.pk, u.name) for u in Unit.objects.filter(union=union)]
        groups = UnionGroup.objects.filter(union=union)
        self.fields["group"].choices = [("", _("全部"))] + [(g.pk, g.name) for g in groups]


class WorkerForm(BootstrapFormMixin, forms.Form):
    """All fields of the roster; the service checks the ID number against birth date and gender."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    gender = forms.ChoiceField(label=_("性别"), choices=Gender.choices)
    ethnicity = forms.ChoiceField(label=_("民族"), choices=ETHNICITY_CHOICES, initial="汉族")
    birth_date = forms.DateField(label=_("出生日期"), widget=DateInput)
    # full-width digits, spaces or a lower-case x are normalised (core.idcard); the service checks the rest
    id_number = forms.CharField(label=_("身份证号"), max_length=40,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    mobile = forms.CharField(label=_("手机号"), max_length=11, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False, empty_label="—")
    group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.none(), required=False,
                                   empty_label="—")
    post = forms.CharField(label=_("职务/岗位"), max_length=100, required=False)
    employment_status = forms.ChoiceField(label=_("在职状态"), choices=EmploymentStatus.choices)
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=PoliticalStatus.choices, initial="masses")
    education = forms.ChoiceField(label=_("学历"), choices=[("", "—")] + list(Education.choices), required=False)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(union=union)
        self.fields["group"].queryset = UnionGroup.objects.filter(union=union)

    def clean_id_number(self):
        return idcard.normalise(self.cleaned_data["id_number"])


class WorkerCreateForm(WorkerForm):
    join_on = forms.DateField(label=_("入会日期（已入会时填写）"), widget=DateInput, required=False)
    card_number = forms.CharField(label=_("会员证号"), max_length=40, required=False)


class JoinForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("入会日期"), widget=DateInput)
    card_number = forms.CharField(label=_("会员证号"), max_length=40, required=False)


class TransferInForm(JoinForm):
    other_union = forms.CharField(label=_("转出工会（从哪个工会转入）"), max_length=100)


class TransferOutForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("转出日期"), widget=DateInput)
    other_union = forms.CharField(label=_("转入工会（转往哪个工会）"), max_length=100)
    card_endorsement = forms.CharField(label=_("会员证转出签注"), max_length=200)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class StatusForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class WorkerEditForm(WorkerForm):
    """The full ID number and mobile are not shown for editing (only revealing is audited): blank keeps them."""

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, masked in (("id_number", worker.id_number_masked), ("mobile", worker.mobile_masked)):
            self.fields[name].required = False
            self.fields[name].widget.attrs["placeholder"] = masked
            self.fields[name].help_text = _("留空则不修改")


class MyContactForm(BootstrapFormMixin, forms.Form):
    """The member's own correction of their mobile number and address (我的)."""

    mobile = forms.CharField(label=_("手机号"), max_length=11, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))
    address = forms.CharField(label=_("住址"), max_length=200, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))


class JoinApplicationForm(WorkerForm):
    """入会申请, filled by the applicant: the roster's fields they know about themselves, and why they apply."""

    statement = forms.CharField(label=_("申请说明（选填）"), max_length=500, required=False, widget=forms.Textarea(
        attrs={"rows": 3}))

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, union=union, **kwargs)
        for name in ("employment_status", "political_status", "education"):
            del self.fields[name]
        self.fields["mobile"].required = True


class JoinDecideForm(BootstrapFormMixin, forms.Form):
    card_number = forms.CharField(label=_("会员证号（空白则自动编号）"), max_length=40, required=False)
    joined_on = forms.DateField(label=_("入会日期"), widget=DateInput, required=False)


class JoinDeclineForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("不予批准的理由"), max_length=300)

from django import forms

from unionhome.members.choices import AGE_BANDS, ETHNICITY_CHOICES, EmploymentStatus, Gender, MembershipStatus


class WorkerFilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False,
                        widget=forms.TextInput(attrs={"placeholder": "姓名 / 拼音 / 首字母 / 身份证后4位 / 会员证号 / 手机号"}))
    unit = forms.TypedChoiceField(label="单位", required=False, coerce=int, empty_value=None)
    group = forms.TypedChoiceField(label="小组", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="会籍", required=False,
                               choices=[("", "全部")] + list(MembershipStatus.choices) + [("none", "非会员")])
    gender = forms.ChoiceField(label="性别", required=False, choices=[("", "全部")] + list(Gender.choices))
    age_band = forms.ChoiceField(label="年龄段", required=False,
                                 choices=[("", "全部")] + [(k, label) for k, label, _a, _b in AGE_BANDS])
    ethnicity = forms.ChoiceField(label="民族", required=False, choices=[("", "全部")] + ETHNICITY_CHOICES)
    employment_status = forms.ChoiceField(label="在职状态", required=False,
                                          choices=[("", "全部")] + list(EmploymentStatus.choices))

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        from unionhome.org.models import UnionGroup, Unit

        self.fields["unit"].choices = [("", "全部")] + [(u.pk, u.name) for u in Unit.objects.filter(union=union)]
        self.fields["group"].choices = [("", "全部")] + [(g.pk, g.name) for g in UnionGroup.objects.filter(union=union)]

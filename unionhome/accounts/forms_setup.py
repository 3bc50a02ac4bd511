"""Forms of setting up a union: the first run of an empty install and a federation officer's page."""
from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.core.models import Union
from unionhome.core.provinces import PROVINCES

USERNAME = dict(regex=r"^[A-Za-z0-9_.@-]{3,150}$", max_length=150,
                error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ -，至少3位")})


class UnionFieldsForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("工会名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, min_length=18,
                                  help_text=_("18位，见工会法人资格证书"))
    province = forms.ChoiceField(label=_("省份"), choices=[("", "—")] + [(p, p) for p in PROVINCES])
    founded_on = forms.DateField(label=_("成立日期"), widget=DateInput())
    chair_username = forms.RegexField(label=_("主席的登录用户名"), **USERNAME)
    chair_name = forms.CharField(label=_("主席姓名"), max_length=50)


class FirstRunForm(UnionFieldsForm):
    federation_name = forms.CharField(label=_("上级总工会名称（可选）"), max_length=100, required=False)
    federation_code = forms.CharField(label=_("上级总工会代码（可选）"), max_length=40, required=False)
    password = forms.CharField(label=_("主席的密码"), widget=forms.PasswordInput(render_value=False))
    password2 = forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput(render_value=False))

    field_order = ["federation_name", "federation_code", "name", "credit_code", "province", "founded_on",
                   "chair_name", "chair_username", "password", "password2"]

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致"))
        if bool(data.get("federation_name")) != bool(data.get("federation_code")):
            self.add_error("federation_code", _("新建上级总工会须同时填写名称和代码"))
        return data


class UnionBelowForm(UnionFieldsForm):
    parent = forms.ModelChoiceField(label=_("上级总工会"), queryset=Union.objects.none(), empty_label=None)

    field_order = ["parent", "name", "credit_code", "province", "founded_on", "chair_name", "chair_username"]

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents

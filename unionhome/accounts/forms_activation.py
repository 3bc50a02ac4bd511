"""Forms of activation (anonymous, phone-first), issuing and the federation's viewer logins."""
from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin


def _text(label, *, autocomplete="off", inputmode=None, max_length=150, help_text="", autofocus=False):
    attrs = {"autocomplete": autocomplete, "autocapitalize": "off"}
    if inputmode:
        attrs["inputmode"] = inputmode
    if autofocus:
        attrs["autofocus"] = True
    return forms.CharField(label=label, max_length=max_length, help_text=help_text, widget=forms.TextInput(attrs=attrs))


class NewPasswordMixin(forms.Form):
    password = forms.CharField(label=_("设置密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("至少8位，包含大写字母、小写字母、数字、符号中的至少3类"))
    password2 = forms.CharField(label=_("再输一次密码"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致"))
        return data


class ActivateForm(BootstrapFormMixin, NewPasswordMixin):
    login = _text(_("手机号或会员证号"), autocomplete="username", autofocus=True,
                  help_text=_("激活通知单上的用户名也可以"))
    code = _text(_("激活码"), max_length=20, help_text=_("通知单上或小组长读给您的8位激活码，不区分大小写"))
    field_order = ["login", "code", "password", "password2"]


class ActivateSelfForm(BootstrapFormMixin, NewPasswordMixin):
    card_number = _text(_("会员证号"), autofocus=True, max_length=40)
    id_last6 = _text(_("身份证号后6位"), max_length=12, help_text=_("最后一位是X的，输入x或X均可"))
    mobile = _text(_("手机号"), autocomplete="tel", inputmode="tel", max_length=20,
                   help_text=_("工会花名册上登记的手机号"))
    field_order = ["card_number", "id_last6", "mobile", "password", "password2"]


class FederationViewerForm(BootstrapFormMixin, forms.Form):
    username = forms.RegexField(label=_("用户名"), regex=r"^[A-Za-z0-9_.@-]{3,150}$", max_length=150,
                                error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ -，至少3位")})
    full_name = forms.CharField(label=_("姓名"), max_length=50, required=False)

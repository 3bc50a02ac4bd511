from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        # Same message for unknown user and wrong password (no account enumeration).
        "invalid_login": _("用户名或密码不正确。连续失败5次将锁定30分钟。"),
        "inactive": _("该账号已停用。"),
        "ambiguous": _("该手机号对应多个账号，请改用会员证号或用户名登录。"),
    }

    def get_invalid_login_error(self):
        if getattr(self.request, "login_ambiguous", False):
            return forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        return super().get_invalid_login_error()


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("当前密码"), widget=forms.PasswordInput)
    new_password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput,
                                    help_text=_("至少8位，包含大写字母、小写字母、数字、符号中的至少3类"))
    new_password2 = forms.CharField(label=_("确认新密码"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(gettext("当前密码不正确"))
        return self.cleaned_data["old_password"]

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", gettext("两次输入的新密码不一致"))
        return data


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=20, strip=True,
                           help_text=_("验证器（如腾讯身份验证器、Google Authenticator、Microsoft Authenticator）当前显示的6位数字"),
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "autofocus": True, "class": "form-control"}))


class LoginCodeForm(TwoFactorCodeForm):
    """The second login step: the authenticator's code, or one recovery code."""

    code = forms.CharField(label=_("验证码或恢复码"), max_length=20, strip=True,
                           help_text=_("验证器当前显示的6位数字；手机不在身边时，可输入一个恢复码（每个只能用一次）"),
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                                         "class": "form-control"}))


class LockoutUnlockForm(LoginCodeForm):
    """The owner's own way out of a lockout from this address: password and a second factor together."""

    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True,
                                                             "class": "form-control"}))
    password = forms.CharField(label=_("密码"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                                                 "class": "form-control"}))
    field_order = ["username", "password", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("autofocus", None)

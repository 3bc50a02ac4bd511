"""Activation pages (anonymous, phone-first): with the one-time code, or by the member's own facts."""
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from unionhome.accounts import services, services_activation, two_factor
from unionhome.accounts.forms_activation import ActivateForm, ActivateSelfForm
from unionhome.accounts.lockout import attempt_allowed, attempt_failed, remember_device
from unionhome.core.views import attempt

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _signed_in(request, user):
    """An officer who must use two factors logs in through the login page (enrolling an authenticator);
    a member is signed in at once and sees their home page."""
    if two_factor.needed(user):
        messages.success(request, _("账号已激活，请用新密码登录"))
        return redirect("accounts:login")
    auth_login(request, user, backend=MODEL_BACKEND)
    services.login_record(actor=user)
    messages.success(request, _("账号已激活，欢迎使用职工之家"))
    response = redirect("dashboard:home")
    remember_device(response, user.get_username())
    return response


def _activation_page(request, form_class, login_field: str, activate, template_mode: str):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login = form.cleaned_data[login_field].strip()
        if not attempt_allowed(request, login):
            return render(request, "accounts/locked_out.html", status=429)
        outcome = attempt(lambda: activate(form.cleaned_data), form=form)
        if outcome:
            return _signed_in(request, outcome.value)
        if outcome.error.code != "password_weak":
            attempt_failed(request, login)
    return render(request, "accounts/activate.html", {"form": form, "mode": template_mode})


@never_cache
def activate_view(request):
    return _activation_page(request, ActivateForm, "login", lambda d: services_activation.account_activate(
        login=d["login"], code=d["code"], password=d["password"]), "code")


@never_cache
def activate_self_view(request):
    return _activation_page(request, ActivateSelfForm, "card_number",
                            lambda d: services_activation.account_activate_self(
                                card_number=d["card_number"], id_last6=d["id_last6"], mobile=d["mobile"],
                                password=d["password"]), "self")

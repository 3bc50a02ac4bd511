"""Pages of the second factor: the login's second step, enrolling an authenticator (at the first login
of an officer, or of one's own accord from 我的账号), and the owner's own way out of a lockout."""
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from unionhome.accounts import services, services_two_factor, two_factor
from unionhome.accounts.forms import LockoutUnlockForm, LoginCodeForm, TwoFactorCodeForm
from unionhome.accounts.queries import recovery_codes_left, two_factor_enrolled, two_factor_required
from unionhome.core.permissions import login_only
from unionhome.core.views import attempt, button_action


def _pending_or_back(request):
    user = two_factor.pending_user(request)
    if user is None:
        messages.info(request, _("登录已超时，请重新输入用户名和密码"))
    return user


def _codes_page(request, codes, next_url):
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": resolve_url(next_url)})


@never_cache
def login_verify_view(request):
    """Second step: the authenticator's code (or a recovery code). A wrong one counts like a wrong password."""
    user = _pending_or_back(request)
    if user is None:
        return redirect("accounts:login")
    if not two_factor_enrolled(user):
        return redirect("accounts:login_enrol")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        two_factor.pending_clear(request)
        request.axes_locked_out, request.axes_credentials = True, credentials  # axes shows its lockout page
        return render(request, "accounts/locked_out.html", status=429)
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services_two_factor.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            return two_factor.login_complete(request, user, device, redirect)
        two_factor.login_failed(request, user.get_username())
        form.add_error("code", _("验证码不正确（验证器上的每个验证码只能用一次）"))
    return render(request, "accounts/login_verify.html", {"form": form, "pending": user})



def _enrol_confirm(request, form, user):
    """The posted code confirms the new authenticator: (device, recovery codes), or None with the error on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    return attempt(lambda: services_two_factor.two_factor_enrol_confirm(
        actor=user, user=user, code=form.cleaned_data["code"]), form=form).value


@never_cache
def login_enrol_view(request):
    """An officer without an authenticator, past the password: scan, confirm one code, keep the recovery
    codes; only then logged in."""
    user = _pending_or_back(request)
    if user is None:
        return redirect("accounts:login")
    if two_factor_enrolled(user):
        return redirect("accounts:login_verify")
    device = services_two_factor.two_factor_enrol_start(actor=user, user=user)
    form = TwoFactorCodeForm(request.POST or None)
    confirmed = _enrol_confirm(request, form, user)
    if confirmed:
        device, codes = confirmed
        return two_factor.login_complete(request, user, device, lambda to: _codes_page(request, codes, to))
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form, "qr": two_factor.qr_svg(device), "key": two_factor.manual_key(device), "at_login": True,
        "pending": user})


@never_cache
def login_unlock_view(request):
    """Locked out at this address by someone else's failures: the owner gets in with the password and a
    second factor together, and the lockout here is lifted (audited)."""
    form = LockoutUnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.filter(username=data["username"], is_active=True).first()
        device = None
        if user is None:
            get_user_model()().set_password(data["password"])  # the same work as for a real account
        elif user.check_password(data["password"]):
            # The authenticator's failure counter moves only for someone who knows the password.
            device = services_two_factor.two_factor_verify(user=user, code=data["code"])
        if device is not None:
            AxesProxyHandler.update_request(request)
            services_two_factor.lockout_self_lift(actor=user, ip=get_client_ip_address(request))
            return two_factor.login_complete(request, user, device, redirect)
        services.login_failure_record(username=data["username"])
        form.add_error(None, _("用户名、密码或验证码不正确"))
    return render(request, "accounts/login_unlock.html", {"form": form})


@never_cache
@login_only
def two_factor_view(request):
    """我的账号 → 两步验证: the state of one's second factor; enrol here if not yet."""
    user = request.user
    context = {"required": two_factor_required(user)}
    if two_factor_enrolled(user):
        return render(request, "accounts/two_factor.html", {
            **context, "enrolled": True, "codes_left": recovery_codes_left(user),
            "verified": two_factor.session_verified(request)})
    device = services_two_factor.two_factor_enrol_start(actor=user, user=user)
    form = TwoFactorCodeForm(request.POST or None)
    confirmed = _enrol_confirm(request, form, user)
    if confirmed:
        device, codes = confirmed
        otp_login(request, device)  # this session has just shown the second factor
        return _codes_page(request, codes, "accounts:two_factor")
    return render(request, "accounts/two_factor_enrol.html", {
        **context, "form": form, "qr": two_factor.qr_svg(device), "key": two_factor.manual_key(device)})


@never_cache
@require_POST
@login_only
def recovery_codes_renew_view(request):
    """New recovery codes, from a session logged in with two factors only."""
    if not two_factor.session_verified(request):
        messages.error(request, _("请先以两步验证登录（退出后重新登录）"))
        return redirect("accounts:two_factor")
    return button_action(request, lambda: services_two_factor.recovery_codes_renew(actor=request.user,
                                                                                   user=request.user),
                         to=lambda codes: (_codes_page(request, codes, reverse("accounts:two_factor"))
                                           if codes is not None else "accounts:two_factor"))

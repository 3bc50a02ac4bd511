from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.accounts import services, two_factor
from unionhome.accounts.forms import LoginForm, PasswordChangeForm
from unionhome.accounts.forms_manage import TokenForm
from unionhome.accounts.lockout import remember_device
from unionhome.accounts.queries import tokens_of, two_factor_enrolled
from unionhome.accounts.services import password_change
from unionhome.core.permissions import login_only
from unionhome.core.views import attempt, button_action


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.needed(user):
            # Not logged in yet: the second step (or enrolment) logs in.
            two_factor.pending_start(self.request, user, self.get_success_url())
            return redirect("accounts:login_verify" if two_factor_enrolled(user) else "accounts:login_enrol")
        response = super().form_valid(form)
        services.login_record(actor=form.get_user())
        remember_device(response, form.get_user().get_username())
        return response

    def form_invalid(self, form):
        services.login_failure_record(username=form.data.get("username", "")[:150])
        return super().form_invalid(form)


@login_only
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        changed = attempt(lambda: password_change(actor=request.user, user=request.user,
                                                  new_password=form.cleaned_data["new_password1"]),
                          form=form, field="new_password1")
        if changed:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改"))
            return redirect("dashboard:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_only
def profile_view(request):
    return render(request, "accounts/profile.html", {})


@require_POST
@login_only
def switch_union_view(request):
    try:
        union_id = int(request.POST.get("union", ""))
    except ValueError:
        union_id = None
    if any(u.pk == union_id for u in request.ctx.unions):
        request.session["union_id"] = union_id
    return redirect("dashboard:home")


def _tokens_page(request, form=None, **extra):
    return render(request, "accounts/tokens.html", {"tokens": tokens_of(request.user),
                                                    "token_form": form or TokenForm(),
                                                    "two_factor_missing": two_factor.needed(request.user)
                                                    and not two_factor.session_verified(request), **extra})


@login_only
def token_list_view(request):
    """My own API tokens: only I issue them, for myself; the secret is shown once."""
    return _tokens_page(request)


@require_POST
@login_only
def token_create_view(request):
    form = TokenForm(request.POST)
    issued = form.is_valid() and attempt(lambda: services.token_issue(
        actor=request.user, user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"],
        union=request.ctx.union, two_factor=two_factor.session_verified(request)), form=form)
    if issued:
        _token, key = issued.value
        # The secret is shown on this response only; it is stored as a hash.
        return _tokens_page(request, new_key=key)
    return _tokens_page(request, form)


@require_POST
@login_only
def token_revoke_view(request, pk: int):
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    return button_action(request, lambda: services.token_revoke(actor=request.user, token=token,
                                                                union=request.ctx.union),
                         ok=_("令牌已吊销"), to="accounts:tokens")

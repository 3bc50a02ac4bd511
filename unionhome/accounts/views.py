from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from unionhome.accounts.forms import LoginForm, PasswordChangeForm
from unionhome.accounts.services import password_change
from unionhome.core.errors import DomainError
from unionhome.core.permissions import login_only


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_only
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_change(actor=request.user, user=request.user, new_password=form.cleaned_data["new_password1"])
        except DomainError as exc:
            form.add_error("new_password1", exc.message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改")
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

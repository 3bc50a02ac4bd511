"""The account page for the chair and the admin: logins, roles, disabling, API tokens."""
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.accounts import services, services_two_factor
from unionhome.accounts.forms_manage import AccountCreateForm, RoleGrantForm
from unionhome.accounts.lockout import active_lockouts
from unionhome.accounts.models import ApiToken, RoleAssignment, RoleGrantRequest
from unionhome.accounts.queries import (
    account_in_union_or_404,
    accounts_in_union,
    pending_role_grants,
    tokens_of,
    two_factor_enrolled,
)
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page


@require("accounts.manage")
def account_list(request):
    return render(request, "accounts/manage_list.html", {"accounts": accounts_in_union(request.ctx.union),
                                                         "pending": pending_role_grants(request.ctx.union)})


@require("accounts.manage")
def account_create_view(request):
    form = AccountCreateForm(request.POST or None, union=request.ctx.union)
    return form_page(request, form, lambda d: services.account_create(
        actor=request.user, username=d["username"], password=d["password"], union=request.ctx.union,
        roles=d["roles"], worker=d["worker"], group=d["group"]),
        ok=_("账号已建立，首次登录须修改密码"), to=lambda user: _back_to_account(user.pk),
        template="core/form_page.html", context={"title": _("为职工开通账号")})


def _account_page(request, account, **extra):
    return render(request, "accounts/manage_detail.html", {
        "account": account, "tokens": tokens_of(account), "grant_form": RoleGrantForm(union=request.ctx.union),
        "pending": pending_role_grants(request.ctx.union, account),
        "lockouts": active_lockouts(account.username), "two_factor": two_factor_enrolled(account),
        **extra})


@require("accounts.manage")
def account_detail(request, pk: int):
    return _account_page(request, account_in_union_or_404(request.ctx.union, pk))


def _back_to_account(pk: int) -> str:
    return reverse("accounts:account", args=[pk])


@require_POST
@require("accounts.manage")
def role_grant_view(request, pk: int):
    account = account_in_union_or_404(request.ctx.union, pk)
    return form_action(request, RoleGrantForm(request.POST, union=request.ctx.union), lambda d: services.role_grant(
        actor=request.user, user=account, union=request.ctx.union, role=d["role"], group=d["group"]),
        ok=lambda result: (_("已提交，须另一位工会主席或系统管理员确认后生效")
                           if isinstance(result, RoleGrantRequest) else _("已授予角色")),
        invalid=_("请选择角色"), to=_back_to_account(pk))


def _grant_request_or_404(request, pk):
    return get_in_union_or_404(RoleGrantRequest.objects.select_related("user"), request.ctx.union, pk=pk)


@require_POST
@require("accounts.manage")
def role_grant_confirm_view(request, pk: int):
    grant_request = _grant_request_or_404(request, pk)
    return button_action(request, lambda: services.role_grant_confirm(actor=request.user, grant_request=grant_request),
                         ok=_("已确认，角色生效"), to=_back_to_account(grant_request.user_id))


@require_POST
@require("accounts.manage")
def role_grant_reject_view(request, pk: int):
    grant_request = _grant_request_or_404(request, pk)
    return button_action(request, lambda: services.role_grant_reject(actor=request.user, grant_request=grant_request),
                         ok=_("已驳回角色授予"), to=_back_to_account(grant_request.user_id))


@require_POST
@require("accounts.manage")
def role_revoke_view(request, pk: int):
    assignment = get_in_union_or_404(RoleAssignment.objects.select_related("user"), request.ctx.union, pk=pk)
    return button_action(request, lambda: services.role_revoke(actor=request.user, assignment=assignment),
                         ok=_("已收回角色"), to=_back_to_account(assignment.user_id))


@require_POST
@require("accounts.manage")
def account_disable_view(request, pk: int):
    account = account_in_union_or_404(request.ctx.union, pk)
    return button_action(request, lambda: services.account_disable(actor=request.user, user=account,
                                                                   union=request.ctx.union),
                         ok=_("账号已停用，登录会话已结束"), to=_back_to_account(pk))


@require_POST
@require("accounts.manage")
def account_unlock_view(request, pk: int):
    account = account_in_union_or_404(request.ctx.union, pk)
    return button_action(request, lambda: services.account_unlock(actor=request.user, user=account,
                                                                  union=request.ctx.union),
                         ok=_("账号已解除锁定"), to=_back_to_account(pk))


@require_POST
@require("accounts.manage")
def two_factor_reset_view(request, pk: int):
    account = account_in_union_or_404(request.ctx.union, pk)
    return button_action(request, lambda: services_two_factor.two_factor_reset(actor=request.user, user=account,
                                                                               union=request.ctx.union),
                         ok=_("已重置两步验证，该账号下次登录时须重新绑定验证器"), to=_back_to_account(pk))


@require_POST
@require("accounts.manage")
def token_revoke_view(request, pk: int):
    """An officer may end another login's token (never issue or read one): the token's owner must hold
    a role in the officer's union, else 404."""
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    account = account_in_union_or_404(request.ctx.union, token.user_id)
    return button_action(request, lambda: services.token_revoke(actor=request.user, token=token,
                                                                union=request.ctx.union),
                         ok=_("令牌已吊销"), to=_back_to_account(account.pk))

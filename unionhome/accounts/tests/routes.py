from unionhome.core.testing.matrix import ROLES, Route, by_perm

ALL_200 = dict.fromkeys(ROLES, 200)
ROUTES = [
    # A logged-in user opening the login page is sent on to the dashboard.
    Route("accounts:login", expect=dict.fromkeys(ROLES, 302), anonymous=200),
    Route("accounts:logout", method="post", expect=dict.fromkeys(ROLES, 302), anonymous=302),
    Route("accounts:password_change", expect=ALL_200),
    Route("accounts:profile", expect=ALL_200),
    Route("accounts:switch_union", method="post", data={"union": "0"}, expect=dict.fromkeys(ROLES, 302)),
    # everyone manages their own API tokens only
    Route("accounts:tokens", expect=ALL_200),
    Route("accounts:token_create", method="post", data={"name": "数据对接"}, expect=ALL_200),
]


def member_token(cast):
    from unionhome.accounts.services import token_issue

    token, _key = token_issue(actor=cast.users["member"], user=cast.users["member"], name="phone")
    return {"pk": token.pk}


ROUTES += [
    # the owner revokes their own token; anyone else's is not found
    Route("accounts:token_revoke", method="post", kwargs=member_token,
          expect={r: 302 if r == "member" else 404 for r in ROLES}),
]


def member_account(cast):
    return {"pk": cast.users["member"].pk}


def member_role(cast):
    from unionhome.accounts.models import RoleAssignment

    return {"pk": RoleAssignment.objects.get(user=cast.users["member"], role="member").pk}


ROUTES += [
    Route("accounts:manage", expect=by_perm("accounts.manage")),
    Route("accounts:create", expect=by_perm("accounts.manage")),
    Route("accounts:account", kwargs=member_account, expect=by_perm("accounts.manage", outsider=404)),
    Route("accounts:role_grant", method="post", kwargs=member_account, data={"role": "committee"},
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
    # the chair revokes the role; for the admin after them it no longer exists
    Route("accounts:role_revoke", method="post", kwargs=member_role,
          expect=by_perm("accounts.manage", ok=302, outsider=404, admin=404)),
    # nothing locked: a message and back to the account page
    Route("accounts:unlock", method="post", kwargs=member_account,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
    Route("accounts:disable", method="post", kwargs=member_account,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
    # officers may revoke a login's token (a second revoke is a message, still 302), never issue one
    Route("accounts:account_token_revoke", method="post", kwargs=member_token,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
]


def pending_finance_grant(cast):
    """The chair asks for the member to become accountant; the admin confirms (the chair may not)."""
    from unionhome.accounts.services import role_grant

    grant = role_grant(actor=cast.users["chair"], user=cast.users["member"], union=cast.union, role="finance")
    return {"pk": grant.pk}


ROUTES += [
    # chair: refused as the one who asked (a message, 302); admin confirms; a decided grant is a message too
    Route("accounts:role_grant_confirm", method="post", kwargs=pending_finance_grant,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
    Route("accounts:role_grant_reject", method="post", kwargs=pending_finance_grant,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
]


# Two factors. The second login step and enrolment at login need a password just typed in this session:
# without one, anyone (logged in or not) is sent back to the login page.
TWO_FACTOR_ROLES = {"auditor", "finance", "hardship_officer", "chair", "admin", "outsider"}
ROUTES += [
    Route("accounts:login_verify", expect=dict.fromkeys(ROLES, 302), anonymous=302),
    Route("accounts:login_enrol", expect=dict.fromkeys(ROLES, 302), anonymous=302),
    # the owner's way out of a lockout: a form open to anyone
    Route("accounts:login_unlock", expect=ALL_200, anonymous=200),
    # my own second factor: state, or enrolment
    Route("accounts:two_factor", expect=ALL_200),
    # new recovery codes (shown at once, 200) from a two-factor session; the others are sent to enrol (302)
    Route("accounts:recovery_codes_renew", method="post",
          expect={r: 200 if r in TWO_FACTOR_ROLES else 302 for r in ROLES}),
    # chair/admin: the member has no authenticator, a message and back to the account page
    Route("accounts:two_factor_reset", method="post", kwargs=member_account,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
]


# --- the same through the API ------------------------------------------------------------------------------------
def member_user_id(cast):
    return {"user_id": cast.users["member"].pk}


def member_role_id(cast):
    return {"assignment_id": member_role(cast)["pk"]}


def member_token_id(cast):
    return {"token_id": member_token(cast)["pk"]}


def pending_grant_id(cast):
    return {"request_id": pending_finance_grant(cast)["pk"]}


MANAGE = "accounts.manage"
ROUTES += [
    Route("api:accounts", expect=by_perm(MANAGE)),
    # the chair opens the login; for the admin after them the worker already has one (409); another union's: 404
    Route("api:accounts", method="post", json=True,
          data=lambda c: {"worker_id": c.workers["group1_worker"].pk, "username": "api_new",
                          "password": "Api-pass-2026!x", "roles": ["member"]},
          expect=by_perm(MANAGE, ok=201, admin=409, outsider=404)),
    Route("api:account_roles", method="post", json=True, kwargs=member_user_id, data={"role": "committee"},
          expect=by_perm(MANAGE, ok=201, outsider=404)),
    Route("api:account_role_revoke", method="post", kwargs=member_role_id,
          expect=by_perm(MANAGE, ok=204, outsider=404, admin=404)),
    Route("api:account_role_grants", expect=by_perm(MANAGE)),
    # chair: refused as the one who asked (422); admin confirms (200); the outsider does not find it
    Route("api:account_role_grant_confirm", method="post", kwargs=pending_grant_id,
          expect=by_perm(MANAGE, chair=422, outsider=404)),
    Route("api:account_role_grant_reject", method="post", kwargs=pending_grant_id,
          expect=by_perm(MANAGE, ok=204, admin=409, outsider=404)),
    Route("api:account_disable", method="post", kwargs=member_user_id,
          expect=by_perm(MANAGE, ok=204, outsider=404)),
    Route("api:account_unlock", method="post", kwargs=member_user_id,
          expect=by_perm(MANAGE, ok=409, outsider=404)),
    Route("api:account_two_factor_reset", method="post", kwargs=member_user_id,
          expect=by_perm(MANAGE, ok=409, outsider=404)),
    Route("api:account_token_revoke", method="post", kwargs=member_token_id,
          expect=by_perm(MANAGE, ok=204, admin=409, outsider=404)),
    Route("api:my_tokens", expect=ALL_200),
    Route("api:my_tokens", method="post", json=True, data={"name": "数据对接"}, expect=dict.fromkeys(ROLES, 201)),
    Route("api:my_token_revoke", method="post", kwargs=member_token_id,
          expect={r: 204 if r == "member" else 404 for r in ROLES}),
]

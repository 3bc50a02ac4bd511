import itertools

from unionhome.core.testing.matrix import NO_CHANGE, ROLES, Route, by_perm

ALL_200 = dict.fromkeys(ROLES, 200)
ROUTES = [
    # A logged-in user opening the login page is sent on to the dashboard.
    Route("accounts:login", expect=dict.fromkeys(ROLES, 302), anonymous=200),
    # a wrong password: a logged-in user is sent on, the visitor gets the form back
    Route("accounts:login", method="post", data={"username": "t_member", "password": "wrong"},
          expect=dict.fromkeys(ROLES, 302), anonymous=200, changes=NO_CHANGE),
    Route("accounts:logout", method="post", expect=dict.fromkeys(ROLES, 302), anonymous=302),
    Route("accounts:password_change", expect=ALL_200),
    Route("accounts:password_change", method="post", data={}, expect=ALL_200),
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


_logins = itertools.count(1)


def _fresh_login(cast):
    """A login of its own for each role's request (a revoked role, a decided grant, do not carry over)."""
    from unionhome.accounts.services import account_create

    return account_create(actor=None, username=f"matrix_{next(_logins)}", password="Test-pass-2026", union=cast.union,
                          roles=["member"], must_change_password=False)


def member_role(cast):
    from unionhome.accounts.models import RoleAssignment

    return {"pk": RoleAssignment.objects.get(user=_fresh_login(cast), role="member").pk}


ROUTES += [
    Route("accounts:manage", expect=by_perm("accounts.manage")),
    Route("accounts:create", expect=by_perm("accounts.manage")),
    Route("accounts:create", method="post", data={}, expect=by_perm("accounts.manage")),
    Route("accounts:account", kwargs=member_account, expect=by_perm("accounts.manage", outsider=404)),
    Route("accounts:role_grant", method="post", kwargs=member_account, data={"role": "committee"},
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
    Route("accounts:role_revoke", method="post", kwargs=member_role,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
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

    grant = role_grant(actor=cast.users["chair"], user=_fresh_login(cast), union=cast.union, role="finance")
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
    Route("accounts:login_verify", method="post", data={"code": "000000"}, expect=dict.fromkeys(ROLES, 302),
          anonymous=302, changes=NO_CHANGE),
    Route("accounts:login_enrol", expect=dict.fromkeys(ROLES, 302), anonymous=302),
    Route("accounts:login_enrol", method="post", data={"code": "000000"}, expect=dict.fromkeys(ROLES, 302),
          anonymous=302, changes=NO_CHANGE),
    # the owner's way out of a lockout: a form open to anyone
    Route("accounts:login_unlock", expect=ALL_200, anonymous=200),
    Route("accounts:login_unlock", method="post", data={}, expect=ALL_200, anonymous=200),
    # my own second factor: state, or enrolment
    Route("accounts:two_factor", expect=ALL_200),
    Route("accounts:two_factor", method="post", data={"code": "000000"}, expect=ALL_200),
    # new recovery codes (shown at once, 200) from a two-factor session; the others are sent to enrol (302)
    Route("accounts:recovery_codes_renew", method="post",
          expect={r: 200 if r in TWO_FACTOR_ROLES else 302 for r in ROLES}),
    # chair/admin: the member has no authenticator, a message and back to the account page
    Route("accounts:two_factor_reset", method="post", kwargs=member_account,
          expect=by_perm("accounts.manage", ok=302, outsider=404)),
]

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


# Issuing members' logins (issue 9 §2): the chair and the admin for any group, a group leader for their own.
def first_group(cast):
    return {"group": cast.groups[0].pk}


_n = itertools.count()


def _users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count()


ISSUERS_OK = by_perm("accounts.issue", outsider=404)  # the outsider posts a group of another union
ROUTES += [
    Route("accounts:issue", expect=by_perm("accounts.issue")),
    # the slips come back at once (.docx); unactivated logins get new codes each time, so always 200
    Route("accounts:issue_slips", method="post", data=first_group, expect=ISSUERS_OK),
    Route("accounts:issue_codes", method="post", data=first_group, expect=ISSUERS_OK),
    # the reset shows the new code once (200); for the admin after the chair the login awaits activation: again
    Route("accounts:reset", method="post", kwargs=member_account, expect=by_perm("accounts.manage", outsider=404)),
    # the cast's roles already follow its offices: the sync succeeds and has nothing to change
    Route("accounts:roles_sync", method="post", expect=by_perm("accounts.manage", ok=302), changes=NO_CHANGE),
    Route("accounts:federation_viewers", expect=by_perm("accounts.federation_viewers")),
    Route("accounts:federation_viewers", method="post", data=lambda c: {"username": f"viewer_p{next(_n)}",
                                                                        "full_name": "市总查看员"},
          expect=by_perm("accounts.federation_viewers"), probe=lambda c, kw: _users()),
    # activation is for anyone, logged in or not; a wrong combination is refused on the page and changes nothing
    Route("accounts:activate", expect=ALL_200, anonymous=200),
    Route("accounts:activate", method="post", data=lambda c: nobody(c), expect=ALL_200, anonymous=200,
          changes=NO_CHANGE),
    Route("accounts:activate_self", expect=ALL_200, anonymous=200),
    Route("accounts:activate_self", method="post", data=lambda c: nobody_self(c), expect=ALL_200, anonymous=200,
          changes=NO_CHANGE),
]

def api_first_group(cast):
    return {"group_id": cast.groups[0].pk}


def nobody(cast):
    """A login nobody has, new for each request (so the lockout per login and address never answers 429)."""
    return {"login": f"nobody{next(_n)}", "code": "AAAA-AAAA", "password": "Whatever-2026"}


def nobody_self(cast):
    return {"card_number": f"CX{next(_n)}", "id_last6": "123456", "mobile": "13900000000", "password": "Whatever-2026"}


ROUTES += [
    Route("api:accounts_issue", method="post", json=True, data=api_first_group,
          expect=by_perm("accounts.issue", ok=201, outsider=404)),
    Route("api:accounts_reset", method="post", json=True, kwargs=lambda c: {"user_id": c.users["member"].pk},
          expect=by_perm("accounts.manage", outsider=404)),
    Route("api:accounts_roles_sync", method="post", json=True, expect=by_perm("accounts.manage")),
    Route("api:accounts_federation_viewers", method="post", json=True,
          data=lambda c: {"username": f"viewer{next(_n)}"}, expect=by_perm("accounts.federation_viewers", ok=201)),
    # one answer for every wrong combination, logged in or not
    Route("api:accounts_activate", method="post", json=True, data=nobody, expect=dict.fromkeys(ROLES, 422),
          anonymous=422),
    Route("api:accounts_activate_self", method="post", json=True, data=nobody_self, expect=dict.fromkeys(ROLES, 422),
          anonymous=422),
]

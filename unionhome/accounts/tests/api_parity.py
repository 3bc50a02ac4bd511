"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
TWO_FACTOR_STEP = "n/a: a login or two-factor step of the browser session (a token is itself the login)"
PARITY = {
    "accounts:create": "unionhome_accounts_api_account_create",
    "accounts:role_grant": "unionhome_accounts_api_role_grant",
    "accounts:role_revoke": "unionhome_accounts_api_role_revoke",
    "accounts:role_grant_confirm": "unionhome_accounts_api_role_grant_confirm",
    "accounts:role_grant_reject": "unionhome_accounts_api_role_grant_reject",
    "accounts:disable": "unionhome_accounts_api_account_disable",
    "accounts:unlock": "unionhome_accounts_api_account_unlock",
    "accounts:two_factor_reset": "unionhome_accounts_api_two_factor_reset",
    "accounts:account_token_revoke": "unionhome_accounts_api_account_token_revoke",
    "accounts:token_create": "unionhome_accounts_api_my_token_create",
    "accounts:token_revoke": "unionhome_accounts_api_my_token_revoke",
    "accounts:logout": "n/a: ends the browser session; an API client revokes its token instead",
    "accounts:switch_union": "n/a: picks the union of the browser session; a token acts in its owner's first union",
    # Whoever holds a token must not be able to change the password or the second factor that guard the login.
    "accounts:password_change": "n/a: the password is changed on the page only, with the old one typed",
    "accounts:login_verify": TWO_FACTOR_STEP,
    "accounts:login_enrol": TWO_FACTOR_STEP,
    "accounts:login_unlock": TWO_FACTOR_STEP,
    "accounts:two_factor": "n/a: enrolling one's own authenticator needs the phone and the page's QR code",
    "accounts:recovery_codes_renew": "n/a: one's own recovery codes, from a two-factor browser session only",
    "accounts:login": "n/a: the browser session's login (a token is itself the login)",
    # The page answers with the slips (.docx) or shows the codes; the API returns the same codes as JSON.
    "accounts:issue_slips": "unionhome_accounts_api_issue",
    "accounts:issue_codes": "unionhome_accounts_api_issue",
    "accounts:reset": "unionhome_accounts_api_reset",
    "accounts:roles_sync": "unionhome_accounts_api_roles_sync",
    "accounts:federation_viewers": "unionhome_accounts_api_federation_viewer",
    "setup:first_run": "n/a: the install's first union, from the first-run page before any login exists",
    "setup:union_new": "unionhome_accounts_api_setup_union_set_up",
}

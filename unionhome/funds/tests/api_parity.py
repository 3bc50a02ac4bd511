"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "funds:entry_new": "unionhome_funds_api_post_entry",
    "funds:entry_reverse": "unionhome_funds_api_reverse_entry",
    "funds:entry_comment": "unionhome_funds_api_comment_add",
    "funds:entry_attach": "unionhome_funds_api_attachment_add",
    "funds:budget_set": "unionhome_funds_api_budget_set",
    "funds:period_signoff": "unionhome_funds_api_period_signoff",
    "funds:books_open": "unionhome_funds_api_books_open",
    "funds:dues_pay": "unionhome_funds_api_dues_payment",
    "funds:dues_rate": "unionhome_funds_api_dues_rate",
    "funds:dues_import": "unionhome_funds_api_dues_import",
    "funds:payout_new": "unionhome_funds_api_welfare_payout_submit",
    "funds:payout_request_decide": "unionhome_funds_api_payout_request_decide",
    "funds:payout_confirm": "unionhome_funds_api_confirm_payout",
    "funds:policy_new": "unionhome_funds_api_policy_create_draft",
    "funds:policy_edit": "unionhome_funds_api_policy_update_draft",
    "funds:policy_publish": "unionhome_funds_api_policy_publish",
}

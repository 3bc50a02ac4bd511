"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "committees:term_create": "unionhome_committees_api_term_create",
    "committees:term_approve": "unionhome_committees_api_term_approve",
    "committees:term_reschedule": "unionhome_committees_api_term_reschedule",
    "committees:position_assign": "unionhome_committees_api_position_assign",
    "committees:position_end": "unionhome_committees_api_position_end",
    "committees:org_import": "unionhome_committees_api_org_import",
}

"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "org:unit_create": "unionhome_committees_api_org_unit_create",
    "org:unit_edit": "unionhome_committees_api_org_unit_update",
    "org:group_create": "unionhome_committees_api_org_group_create",
    "org:group_edit": "unionhome_committees_api_org_group_update",
    "org:group_leader": "unionhome_committees_api_org_group_leader",
}

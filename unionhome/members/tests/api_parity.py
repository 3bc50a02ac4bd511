"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "members:create": "unionhome_members_api_worker_create_api",
    "members:edit": "unionhome_members_api_worker_update_api",
    "members:membership": "unionhome_members_api_membership_api",
    "members:reveal": "unionhome_members_api_reveal",
    # The page checks the file (dry run), keeps it and imports on confirmation; the API does both with dry_run.
    "members:import": "unionhome_members_api_io_roster_import",
    "members:import_confirm": "unionhome_members_api_io_roster_import",
    "members:import_cancel": "n/a: discards the file the page kept between its two steps; the API keeps none",
    "members:export_full": "unionhome_members_api_io_roster_export",
    "members:my_contact": "unionhome_members_api_my_contact_api",
    "members:join_apply": "unionhome_members_api_join_apply_api",
    "members:join_approve": "unionhome_members_api_join_approve_api",
    "members:join_decline": "unionhome_members_api_join_decline_api",
    "members:join_link_renew": "unionhome_members_api_join_link_api",
}

"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "plans:create": "unionhome_plans_api_plan_create",
    "plans:copy": "unionhome_plans_api_plan_copy",
    "plans:adopt": "unionhome_plans_api_plan_adopt",
    "plans:item_add": "unionhome_plans_api_item_add",
    "plans:item_edit": "unionhome_plans_api_item_update",
    "plans:goal_link": "unionhome_plans_api_goal_link",
    "plans:review_start": "unionhome_plans_api_review_start",
    "plans:entry": "unionhome_plans_api_entry_set",
    "plans:link": "unionhome_plans_api_link_add",
    "plans:unlink": "unionhome_plans_api_link_remove",
}

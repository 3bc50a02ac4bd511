"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "awards:decide": "unionhome_awards_api_decide",
    "awards:exclusion_add": "unionhome_awards_api_exclusion_add",
    "awards:finalise": "unionhome_awards_api_finalise",
    "awards:group_nomination_add": "unionhome_awards_api_group_nomination_add",
    "awards:kind_create": "unionhome_awards_api_kind_create",
    "awards:nomination_add": "unionhome_awards_api_nomination_add",
    "awards:nomination_remove": "unionhome_awards_api_nomination_remove",
    "awards:objection_answer": "unionhome_awards_api_objection_answer",
    "awards:objection_raise": "unionhome_awards_api_objection_raise",
    "awards:publish": "unionhome_awards_api_publish",
    "awards:rewards_book": "unionhome_awards_api_rewards_book",
    "awards:round_create": "unionhome_awards_api_round_create",
}

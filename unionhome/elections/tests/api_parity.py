"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "elections:manage": "unionhome_elections_api_election_create",
    "elections:candidate_add": "unionhome_elections_api_candidate_add",
    "elections:candidate_confirm": "unionhome_elections_api_candidate_confirm",
    "elections:candidate_photo_upload": "unionhome_elections_api_candidate_photo_upload",
    "elections:electors": "unionhome_elections_api_electors_set",
    "elections:officers": "unionhome_elections_api_officers_set",
    "elections:open": "unionhome_elections_api_election_open",
    "elections:count": "unionhome_elections_api_paper_count",
    "elections:close": "unionhome_elections_api_election_close",
    "elections:close_finish": "unionhome_elections_api_election_close_finish",
    "elections:release": "unionhome_elections_api_election_release",
    "elections:next_round": "unionhome_elections_api_next_round",
    "elections:chair_create": "unionhome_elections_api_chair_election_create",
    "elections:approve": "unionhome_elections_api_election_approve",
    "elections:vote": "unionhome_elections_api_vote",
}

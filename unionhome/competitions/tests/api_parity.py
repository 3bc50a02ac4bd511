"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
API = "unionhome_competitions_api_"
PARITY = {
    "competitions:create": API + "competition_create",
    "competitions:entry_add": API + "entry_add",
    "competitions:entry_remove": API + "entry_remove",
    "competitions:result_record": API + "result_record",
    "competitions:time_record": API + "time_record",
    # the page's step buttons: one operation, the step in its path (entries-import, start, pair-next, finish, lots)
    "competitions:entries_import": API + "competition_step",
    "competitions:start": API + "competition_step",
    "competitions:pair_next": API + "competition_step",
    "competitions:finish": API + "competition_step",
    "competitions:lots": API + "competition_step",
    "competitions:prizes": API + "prizes_award",
}

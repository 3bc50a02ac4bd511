"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "rules:set": "unionhome_core_rulebook_api_set_rule",
}

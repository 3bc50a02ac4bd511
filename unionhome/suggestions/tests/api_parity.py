"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "suggestions:answer": "unionhome_suggestions_api_answer",
    "suggestions:assign": "unionhome_suggestions_api_assign",
    "suggestions:new": "unionhome_suggestions_api_submit",
    "suggestions:progress": "unionhome_suggestions_api_progress",
    "suggestions:rate": "unionhome_suggestions_api_rate",
}

"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "reports:draft": "unionhome_reports_api_narrative_save",
    "reports:generate": "unionhome_reports_api_generate",
    "reports:template": "unionhome_reports_api_template_upload",
    "reports:template_reset": "unionhome_reports_api_template_reset",
}

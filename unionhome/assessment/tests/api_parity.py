"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "assessment:open": "unionhome_assessment_api_open_year",
    "assessment:criterion_weight": "unionhome_assessment_api_criterion_weight",
    "assessment:submit": "unionhome_assessment_api_submit",
    "assessment:line_score": "unionhome_assessment_api_line_score",
    "assessment:evidence_add": "unionhome_assessment_api_evidence_add",
    "assessment:evidence_remove": "unionhome_assessment_api_evidence_remove",
    "assessment:survey_new": "unionhome_assessment_api_survey_create",
    "assessment:survey_open": "unionhome_assessment_api_survey_open",
    "assessment:survey_close": "unionhome_assessment_api_survey_close",
    "assessment:survey_answer": "unionhome_assessment_api_survey_answer",
}

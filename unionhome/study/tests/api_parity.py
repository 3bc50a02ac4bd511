"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "study:campaign_new": "unionhome_study_api_campaign_create",
    "study:event_add": "unionhome_study_api_event_add",
    "study:event_attend": "unionhome_study_api_event_attend",
    "study:move": "unionhome_study_api_move",
    "study:photo_upload": "unionhome_study_api_photo_upload",
    "study:plan": "unionhome_study_api_topic_set",
    "study:plans": "unionhome_study_api_plan_create",
    "study:quiz": "unionhome_study_api_quiz_answer",
    "study:quiz_new": "unionhome_study_api_quiz_create",
    "study:record": "unionhome_study_api_record",
    "study:record_add": "unionhome_study_api_record_add",
    "study:reflect": "unionhome_study_api_reflect",
    "study:review": "unionhome_study_api_review",
    "study:accept_all": "unionhome_study_api_accept_all",
    "study:series": "unionhome_study_api_series",
    "study:training_new": "unionhome_study_api_training_create",
}

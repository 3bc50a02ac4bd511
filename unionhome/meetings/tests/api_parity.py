"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "meetings:attendance_mark": "unionhome_meetings_api_attendance_mark",
    "meetings:attendance_rest": "unionhome_meetings_api_attendance_rest",
    "meetings:attendee_add": "unionhome_meetings_api_attendee_add",
    "meetings:close": "unionhome_meetings_api_meeting_close",
    "meetings:create": "unionhome_meetings_api_meeting_create",
    "meetings:decision_add": "unionhome_meetings_api_decision_add",
    "meetings:decision_done": "unionhome_meetings_api_decision_done",
    "meetings:goal_status": "unionhome_meetings_api_goal_status",
    "meetings:goals": "unionhome_meetings_api_goal_set",
    "meetings:item_add": "unionhome_meetings_api_item_add",
    "meetings:item_notes": "unionhome_meetings_api_item_notes",
    "meetings:regulation_create": "unionhome_meetings_api_regulation_create",
    "meetings:scan_upload": "unionhome_meetings_api_scan_upload",
    "meetings:version_add": "unionhome_meetings_api_version_add",
}

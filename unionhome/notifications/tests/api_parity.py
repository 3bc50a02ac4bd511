"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "notifications:read": "unionhome_notifications_api_read",
    "notifications:read_all": "unionhome_notifications_api_read_all",
    "notifications:preferences": "unionhome_notifications_api_preferences_set",
    "notifications:broadcasts": "unionhome_notifications_api_broadcast_create",
}

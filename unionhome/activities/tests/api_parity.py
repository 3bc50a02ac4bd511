"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
API = "unionhome_activities_api_"
PARITY = {
    "activities:new": API + "activity_new",
    "activities:edit": API + "activity_edit",
    "activities:activity_cancel": API + "activity_cancel",
    "activities:signup": API + "signup",
    "activities:cancel": API + "cancel",
    "activities:invitation": API + "invitation_answer",
    # the roster's 添加 (sign-up by an officer); its 邀请 is unionhome_activities_api_invitation_create
    "activities:add_person": API + "signup_add",
    "activities:checkin": API + "checkin",
    "activities:cost_add": API + "cost_add",
    "activities:photo_upload": API + "photo_upload",
    "activities:asset_new": API + "asset_new",
    "activities:loan_new": API + "lend",
    "activities:loan_return": API + "give_back",
    "activities:calendar": API + "book",
    "activities:booking_cancel": API + "booking_drop",
    "activities:room_new": API + "room_new",
    "activities:room_edit": API + "room_edit",
    "activities:room_close": API + "room_close",
    "activities:room_reopen": API + "room_reopen",
}

"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "disclosures:check": "unionhome_disclosures_api_check_record",
    "disclosures:finding_add": "unionhome_disclosures_api_finding_add",
    "disclosures:inspection_finish": "unionhome_disclosures_api_finish",
    "disclosures:inspection_new": "unionhome_disclosures_api_inspection_plan",
    "disclosures:item_new": "unionhome_disclosures_api_item_create",
    "disclosures:item_review": "unionhome_disclosures_api_item_review",
    "disclosures:item_revise": "unionhome_disclosures_api_item_revise",
    "disclosures:rectification_close": "unionhome_disclosures_api_rectification_close",
}

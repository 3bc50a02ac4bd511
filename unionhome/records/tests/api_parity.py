"""Page route → the API operation calling the same service (core/tests/test_api_parity.py)."""
PARITY = {
    "records:home": "unionhome_records_api_bundle_request",
}

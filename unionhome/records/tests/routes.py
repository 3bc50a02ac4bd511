"""Every records route × every role. ``records.bundle``: chair, admin, auditor, committee. A bundle is seen only by
the officer who asked for it (anyone else who may build bundles gets 404); the federation never gets one: it sees
roll-ups, never a member's row."""
from unionhome.core.testing.matrix import Route, by_perm

BUNDLE = by_perm("records.bundle")
OWN = by_perm("records.bundle", committee=404, auditor=404, admin=404, outsider=404)


def _year():
    from django.utils import timezone

    return timezone.localdate().year


def _chairs_bundle(cast):
    from unionhome.records.services import bundle_request

    return bundle_request(actor=cast.users["chair"], union=cast.union, year=_year(), run_now=True)


def _bundles(cast, kw):
    from unionhome.records.models import Bundle

    return Bundle.objects.filter(union=cast.union).count()


ROUTES = [
    Route("records:home", expect=BUNDLE),
    # The outsider's bundle is of their own union: nothing of ours changes.
    Route("records:home", method="post", data=lambda c: {"year": _year()},
          expect=by_perm("records.bundle", ok=302), probe=_bundles, changes={"outsider": False}),
    Route("records:download", kwargs=lambda c: {"pk": _chairs_bundle(c).pk}, expect=OWN),
    Route("api:records_bundles", method="post", json=True, data=lambda c: {"year": _year()},
          expect=by_perm("records.bundle", ok=201), probe=_bundles, changes={"outsider": False}),
    Route("api:records_bundle", kwargs=lambda c: {"bundle_id": _chairs_bundle(c).pk}, expect=OWN),
    Route("api:records_bundle_download", kwargs=lambda c: {"bundle_id": _chairs_bundle(c).pk}, expect=OWN),
]

"""Set-up helpers for care tests: everything through the real services."""
from __future__ import annotations

import datetime as dt

from unionhome.care.models.hardship import ConsentKind
from unionhome.care.services.hardship import consent_record, hardship_file_open

DAY = dt.date(2026, 3, 2)


def consents(cast, worker, *kinds, on=DAY):
    for kind in kinds or (ConsentKind.GENERAL, ConsentKind.FINANCIAL, ConsentKind.HEALTH, ConsentKind.PUBLICATION):
        consent_record(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, kind=kind, given_on=on,
                       signed_by=worker.name)


def open_file(cast, worker=None, *, income="12000", size=3, household=(), **extra):
    worker = worker or cast.workers["group1_worker"]
    fields = dict(cause="illness", health_status="serious", health_detail="尿毒症透析")
    fields.update(extra)
    return hardship_file_open(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, opened_on=DAY,
                              place="*", household_size=size, annual_income=income, rigid_spending="0",
                              household=list(household), **fields)

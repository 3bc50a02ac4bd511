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


def adults(count: int) -> list[dict]:
    """Household members with no income and no consent of their own needed (adults, healthy)."""
    return [{"name": f"家属{i + 1}", "relation": "配偶" if i == 0 else "父母", "birth_date": dt.date(1960 + i, 3, 1),
             "occupation": "无业", "health_status": "healthy"} for i in range(count)]


def open_file(cast, worker=None, *, income="12000", size=3, household=None, **extra):
    """A file whose household is the worker (earning ``income`` a year) and ``size − 1`` adults without income,
    unless ``household`` lists the other members."""
    worker = worker or cast.workers["group1_worker"]
    fields = dict(cause="illness", health_status="serious", health_detail="尿毒症透析")
    fields.update(extra)
    return hardship_file_open(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, opened_on=DAY,
                              place="*", own_income=income, rigid_spending="0",
                              household=adults(size - 1) if household is None else list(household), **fields)

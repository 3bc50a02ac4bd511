"""Item 5: a welfare or assistance entry shows the category and a reference to whoever reads the ledger; the
member and the cause (its counterparty and note) are encrypted and shown only to the roles that see the needy
file."""
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.urls import reverse

from unionhome.care.models.hardship import Assistance, HardshipFile, HouseholdMember
from unionhome.care.services.hardship import assistance_record
from unionhome.care.tests.factories import consents, open_file
from unionhome.core.models import AuditEntry
from unionhome.funds.models import LedgerEntry
from unionhome.funds.queries import entries_for
from unionhome.funds.services import entry_reverse, ledger_export, welfare_payout
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db
CAUSE = "二次住院（手术）"
ASSIST = "大病救助：透析费用"


def _books(cast):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    post(cast, amount="300.00", on=dt.date(2026, 3, 1), note="象棋比赛奖品", counterparty="文体用品店")
    payout = welfare_payout(actor=cast.users["chair"], union=cast.union, worker=cast.workers["member"],
                            benefit="hospital", amount=Decimal("500"), form="goods", on=dt.date(2026, 3, 2),
                            event_key=CAUSE, surgery=True, note="透析后复查")
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker, cause_detail="配偶尿毒症长期透析",
                     household=[{"name": "家属1", "relation": "配偶", "birth_date": dt.date(1970, 3, 1),
                                 "occupation": "无业（透析治疗）", "health_status": "healthy"}])
    help_ = assistance_record(actor=cast.users["hardship_officer"], file=file, kind="medical", amount="800",
                              given_on=dt.date(2026, 3, 15), description=ASSIST)
    return payout, help_


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_the_details_of_welfare_and_assistance_sit_encrypted_in_the_database(cast):
    _books(cast)
    for table, column in (("funds_ledgerentry", "note"), ("funds_ledgerentry", "counterparty"),
                          ("care_assistance", "description"), ("care_householdmember", "occupation"),
                          ("care_hardshipfile", "cause"), ("care_hardshipfile", "cause_detail")):
        values = [v for v in _raw(table, column) if v]
        assert values and all(v.startswith("enc:") for v in values), (table, column)
    # and read back in clear by the application
    assert Assistance.objects.get().description == ASSIST
    assert HouseholdMember.objects.get().occupation == "无业（透析治疗）"
    assert HardshipFile.objects.get().cause == "illness"


@pytest.mark.parametrize("role", ["finance", "auditor", "committee", "admin"])
def test_the_ledger_shows_category_and_reference_but_not_the_member_or_cause(cast, client_for, role):
    payout, help_ = _books(cast)
    client = client_for(cast.users[role])
    page = client.get(reverse("funds:ledger"), {"year": 2026}).content.decode()
    for secret in (CAUSE, "透析", cast.workers["member"].name, cast.workers["group1_worker"].name):
        assert secret not in page, secret
    assert "职工集体福利费" in page and "困难职工帮扶费" in page and "象棋比赛奖品" in page and "文体用品店" in page
    assert f"帮扶记录#{help_.pk}" in page and payout.entry.voucher in page  # the reference
    for entry in (payout.entry, entries_for(help_).get()):
        detail = client.get(reverse("funds:entry_detail", args=[entry.pk])).content.decode()
        assert "透析" not in detail and CAUSE not in detail and cast.workers["member"].name not in detail
    api = client.get("/api/v1/funds/entries", {"year": 2026}).content.decode("unicode_escape")
    assert "透析" not in api and CAUSE not in api and "象棋比赛奖品" in api
    single = client.get(f"/api/v1/funds/entries/{payout.entry_id}").content.decode("unicode_escape")
    assert CAUSE not in single and cast.workers["member"].name not in single
    # a search must not answer "is there a dialysis payment?"
    found = client.get(reverse("funds:ledger"), {"year": 2026, "q": "透析"}).content.decode()
    assert entries_for(help_).get().voucher not in found and payout.entry.voucher not in found


def test_the_chair_sees_the_details(cast, client_for):
    payout, help_ = _books(cast)
    client = client_for(cast.users["chair"])
    page = client.get(reverse("funds:ledger"), {"year": 2026, "q": "透析"}).content.decode()
    assert ASSIST in page and entries_for(help_).get().voucher in page and cast.workers["group1_worker"].name in page
    detail = client.get(reverse("funds:entry_detail", args=[payout.entry_id])).content.decode()
    assert CAUSE in detail and cast.workers["member"].name in detail
    assert AuditEntry.objects.filter(action="funds.entry.details_viewed", actor=cast.users["chair"]).count() == 1


def test_the_export_and_a_reversal_keep_the_cause_from_the_funds_reviewer(cast):
    payout, help_ = _books(cast)
    reversal = entry_reverse(actor=cast.users["chair"], entry=entries_for(help_).get(), reason="重复登记透析救助",
                             on=dt.date(2026, 3, 20))
    assert reversal.confidential
    data = ledger_export(actor=cast.users["auditor"], union=cast.union, year=2026)
    cells = " ".join(str(c.value) for row in openpyxl.load_workbook(io.BytesIO(data))["明细账"].iter_rows()
                     for c in row if c.value is not None)
    assert "透析" not in cells and CAUSE not in cells and cast.workers["member"].name not in cells
    assert "象棋比赛奖品" in cells
    full = ledger_export(actor=cast.users["chair"], union=cast.union, year=2026, confidential=True)
    cells = " ".join(str(c.value) for row in openpyxl.load_workbook(io.BytesIO(full))["明细账"].iter_rows()
                     for c in row if c.value is not None)
    assert ASSIST in cells


def test_the_overrides_list_hides_the_member_and_reason_from_the_reviewer(cast, client_for):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    welfare_payout(actor=cast.users["chair"], union=cast.union, worker=cast.workers["member"], benefit="hospital",
                   amount=Decimal("1500"), form="goods", on=dt.date(2026, 3, 2), event_key="住院1",
                   override_reason="透析并发症")
    auditor = client_for(cast.users["auditor"]).get(reverse("funds:overrides")).content.decode()
    assert "透析并发症" not in auditor and cast.workers["member"].name not in auditor and "1500" in auditor
    chair = client_for(cast.users["chair"]).get(reverse("funds:overrides")).content.decode()
    assert "透析并发症" in chair and cast.workers["member"].name in chair
    assert LedgerEntry.objects.filter(confidential=True).count() == 1

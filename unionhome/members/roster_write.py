"""Bulk writers of a checked roster: workers, their memberships and the membership events.

Called by ``importing.roster_import`` inside its transaction. Each row gets the same derived keys as
``services.worker_fill_derived`` (pinyin, blind indexes, ID tail, ciphertext) but computed with the
fast equivalents of ``roster_keys``. PostgreSQL: ids reserved from the sequences, then one COPY per
table (psycopg 3 ``cursor.copy``). SQLite: ``bulk_create`` in batches.
"""
from __future__ import annotations

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy

from unionhome.core import crypto
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Membership, MembershipEvent, Worker
from unionhome.members.roster_keys import BlindIndex, PinyinKeys

RETIRE_NOTE = gettext_lazy("花名册导入：退休保留会籍")

WORKER_FIELDS = ["id", "union", "created_at", "updated_at", "name", "name_pinyin", "name_initials", "gender",
                 "ethnicity", "birth_date", "id_number", "id_number_hash", "id_tail", "mobile", "mobile_hash", "address",
                 "unit", "group", "post", "employment_status", "political_status", "education"]
MEMBERSHIP_FIELDS = ["id", "union", "created_at", "updated_at", "worker", "card_number", "joined_on", "status",
                     "status_since"]
EVENT_FIELDS = ["union", "created_at", "updated_at", "membership", "kind", "on", "other_union", "card_endorsement",
                "note", "recorded_by"]


def copy_sql(model, fields: list[str]) -> str:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    return f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"


def _reserve_ids(cursor, model, n: int) -> list[int]:
    if n == 0:
        return []
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                   [model._meta.db_table, n])
    return [r[0] for r in cursor.fetchall()]


def _recorder(actor):
    return actor.pk if getattr(actor, "is_authenticated", False) else None


def worker_tuples(union_id: int, good: list, ids: list[int], now):
    """The worker table's rows (WORKER_FIELDS order) for checked values."""
    keys, blind, encrypt = PinyinKeys(), BlindIndex(), crypto.encrypt
    for wid, (_row, v) in zip(ids, good):
        name, id_number, mobile = v["name"], v["id_number"], v["mobile"]
        full, initials = keys(name)
        yield (wid, union_id, now, now, name, full, initials, v["gender"], v["ethnicity"], v["birth_date"],
               encrypt(id_number), v["id_number_hash"], id_number[-4:], encrypt(mobile) if mobile else "",
               blind(mobile) if mobile else "", "", v["unit_id"], v["group_id"], v["post"], v["employment_status"],
               v["political_status"], v["education"])


def _membership_plan(good: list, worker_ids: list[int]):
    """(worker id, values) of the rows that also join the union."""
    return [(wid, v) for wid, (_row, v) in zip(worker_ids, good) if v["joined_on"] is not None]


def copy_rows(*, union, good: list, actor, batch_size: int, progress) -> tuple[list[int], int]:
    now, today, recorder = timezone.now(), timezone.localdate(), _recorder(actor)
    with connection.cursor() as cursor:
        worker_ids = _reserve_ids(cursor, Worker, len(good))
        with cursor.copy(copy_sql(Worker, WORKER_FIELDS)) as copy:
            for done, row in enumerate(worker_tuples(union.pk, good, worker_ids, now), start=1):
                copy.write_row(row)
                if done % batch_size == 0:
                    progress("workers", done)
        progress("workers", len(good))
        joining = _membership_plan(good, worker_ids)
        membership_ids = _reserve_ids(cursor, Membership, len(joining))
        with cursor.copy(copy_sql(Membership, MEMBERSHIP_FIELDS)) as copy:
            for mid, (wid, v) in zip(membership_ids, joining):
                retained = v["membership_status"] == MembershipStatus.RETAINED
                copy.write_row((mid, union.pk, now, now, wid, v["card_number"], v["joined_on"],
                                v["membership_status"], today if retained else v["joined_on"]))
        progress("memberships", len(joining))
        with cursor.copy(copy_sql(MembershipEvent, EVENT_FIELDS)) as copy:
            for mid, (wid, v) in zip(membership_ids, joining):
                copy.write_row((union.pk, now, now, mid, MembershipEvent.Kind.JOIN, v["joined_on"], "", "", "",
                                recorder))
                if v["membership_status"] == MembershipStatus.RETAINED:
                    copy.write_row((union.pk, now, now, mid, MembershipEvent.Kind.RETIRE, today, "", "", str(RETIRE_NOTE),
                                    recorder))
        progress("events", len(joining))
    return worker_ids, len(joining)


def bulk_rows(*, union, good: list, actor, batch_size: int, progress) -> tuple[list[int], int]:
    today, recorder = timezone.localdate(), _recorder(actor)
    keys, blind = PinyinKeys(), BlindIndex()
    worker_ids: list[int] = []
    members = 0
    for start in range(0, len(good), batch_size):
        chunk = good[start:start + batch_size]
        workers = []
        for _row, v in chunk:
            full, initials = keys(v["name"])
            mobile = v["mobile"]
            workers.append(Worker(union=union, name=v["name"], name_pinyin=full, name_initials=initials,
                                  gender=v["gender"], ethnicity=v["ethnicity"], birth_date=v["birth_date"],
                                  id_number=v["id_number"], id_number_hash=v["id_number_hash"],
                                  id_tail=v["id_number"][-4:], mobile=mobile, mobile_hash=blind(mobile) if mobile else "",
                                  unit_id=v["unit_id"], group_id=v["group_id"], post=v["post"],
                                  employment_status=v["employment_status"], political_status=v["political_status"],
                                  education=v["education"]))
        Worker.objects.bulk_create(workers)
        worker_ids.extend(w.pk for w in workers)
        progress("workers", start + len(chunk))
        joining = [(w, v) for w, (_row, v) in zip(workers, chunk) if v["joined_on"] is not None]
        memberships = [Membership(union=union, worker=w, card_number=v["card_number"], joined_on=v["joined_on"],
                                  status=v["membership_status"],
                                  status_since=today if v["membership_status"] == MembershipStatus.RETAINED
                                  else v["joined_on"]) for w, v in joining]
        Membership.objects.bulk_create(memberships)
        events = []
        for m in memberships:
            events.append(MembershipEvent(union=union, membership=m, kind=MembershipEvent.Kind.JOIN, on=m.joined_on,
                                          recorded_by_id=recorder))
            if m.status == MembershipStatus.RETAINED:
                events.append(MembershipEvent(union=union, membership=m, kind=MembershipEvent.Kind.RETIRE, on=today,
                                              note=str(RETIRE_NOTE), recorded_by_id=recorder))
        MembershipEvent.objects.bulk_create(events)
        members += len(memberships)
        progress("memberships", members)
    return worker_ids, members

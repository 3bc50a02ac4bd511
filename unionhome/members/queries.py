"""Reads of the roster: what a given user may see, search, filters, the membership rate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, Func, Q, QuerySet, TextField
from django.utils import timezone

from unionhome.core import idcard
from unionhome.core.crypto import blind_index
from unionhome.core.rows import model_columns, model_from_row
from unionhome.members.ages import band_birth_dates
from unionhome.members.choices import EmploymentStatus, MembershipStatus
from unionhome.members.models import Worker


def worker_visible_to(ctx) -> QuerySet[Worker]:
    """Rows a user may see: officers the whole union, a group leader their group, a member themself."""
    if ctx.union is None:
        return Worker.objects.none()
    return workers_in_scope(ctx.union, visible_scope(ctx))


def visible_scope(ctx) -> dict:
    """What ``worker_visible_to`` allows, as plain data (a background job rebuilds the same rows from it)."""
    return {"all": ctx.has("members.view_all"), "worker_id": ctx.worker_id, "group_ids": sorted(ctx.group_ids)}


def workers_in_scope(union, scope: dict) -> QuerySet[Worker]:
    qs = Worker.objects.filter(union=union)
    if scope.get("all"):
        return qs
    rows = Q(pk=scope["worker_id"]) if scope.get("worker_id") else Q(pk__in=[])
    if scope.get("group_ids"):
        rows |= Q(group_id__in=scope["group_ids"])
    return qs.filter(rows)


@dataclass
class WorkerFilters:
    q: str = ""
    unit: int | None = None
    group: int | None = None
    status: str = ""
    gender: str = ""
    age_band: str = ""
    ethnicity: str = ""
    employment_status: str = ""


def worker_search(qs: QuerySet[Worker], f: WorkerFilters, *, today: dt.date | None = None) -> QuerySet[Worker]:
    """Search by name, full pinyin, pinyin initials, ID tail, card number or mobile; then filters."""
    q = (f.q or "").strip()
    if q and _pinyin_letter_only(qs, q):
        low = q.lower()
        # the range lets the (union, name_pinyin) index give the rows in the list's order under any collation
        # (LIKE 'w%' alone uses it only under the C collation); LIKE still decides
        qs = qs.filter(name_pinyin__gte=low, name_pinyin__startswith=low)
        if low != "z":  # past z comes punctuation, which a linguistic collation may sort before letters
            qs = qs.filter(name_pinyin__lt=chr(ord(low) + 1))
    elif q:
        qs = qs.filter(pk__in=_search_hits(qs, q))
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.group:
        qs = qs.filter(group_id=f.group)
    if f.status:
        qs = qs.filter(membership__isnull=True) if f.status == "none" else qs.filter(membership__status=f.status)
    if f.gender:
        qs = qs.filter(gender=f.gender)
    if f.ethnicity:
        qs = qs.filter(ethnicity=f.ethnicity)
    if f.employment_status:
        qs = qs.filter(employment_status=f.employment_status)
    if f.age_band:
        dates = band_birth_dates(f.age_band, today or timezone.localdate())
        if dates:
            qs = qs.filter(birth_date__gte=dates[0], birth_date__lte=dates[1])
    return qs


def _search_hits(qs: QuerySet[Worker], q: str) -> QuerySet:
    """The ids ``q`` finds, as a UNION ALL of branches that one index each answers on PostgreSQL.

    One OR over the worker row and the membership join made PostgreSQL scan every worker (P3 in
    docs/benchmarks.md); as ``pk IN (branch UNION ALL branch ...)`` each branch is an index look-up and the
    outer query a semi-join. Each branch starts from ``qs``, so it keeps the union and the caller's scope.
    """
    low = q.lower().replace(" ", "")
    branches = [_name_contains(qs, q)]
    if low.isascii() and low.isalpha():
        # (union, name_pinyin|name_initials varchar_pattern_ops): LIKE 'q%' under any collation
        branches += [qs.filter(name_pinyin__startswith=low), qs.filter(name_initials__startswith=low)]
    digits = idcard.normalise(q)  # full-width or other digit scripts, a lower-case x
    if digits.isascii() and (digits.isdigit() or (digits.endswith("X") and digits[:-1].isdigit())):
        if len(digits) == 4:
            branches.append(qs.filter(id_tail=digits))
        if len(digits) == 18:
            branches.append(qs.filter(id_number_hash=blind_index(digits)))
        if len(digits) == 11:
            branches.append(qs.filter(mobile_hash=blind_index(digits)))
    # A membership belongs to its worker's union; saying so lets PostgreSQL reach the card through the
    # (union, card_number) unique index instead of reading every membership.
    branches.append(qs.filter(membership__card_number=q, membership__union=F("union")))
    first, *rest = [b.order_by().values("pk") for b in branches]
    return first.union(*rest, all=True)


def _pinyin_letter_only(qs: QuerySet[Worker], q: str) -> bool:
    """True when a one-letter search finds exactly the workers whose full pinyin starts with it.

    The broadest search there is (``w``: 7% of a union) then filters on the pinyin alone, so PostgreSQL walks
    ``(union, name_pinyin)`` in the list's order, stops after a page, and the capped count stops at the cap,
    instead of collecting every hit of every branch first (P3 in docs/benchmarks.md). The hits are the same:
    a name's initials start with the same letter as its full pinyin (both begin with the same first syllable),
    so the initials branch adds nothing; the name and card-number branches are asked — one cheap look-up
    through their own indexes — whether they hold a worker outside the pinyin range, and if so the general
    search runs."""
    low = q.lower()
    if len(low) != 1 or not (low.isascii() and low.isalpha()):
        return False
    outside = [b.exclude(name_pinyin__startswith=low).order_by().values("pk")
               for b in (_name_contains(qs, q), qs.filter(membership__card_number=q, membership__union=F("union")))]
    return not outside[0].union(outside[1], all=True)[:1]


class SpacedName(Func):
    """`' 张 三 '` for 张三: every character a word of its own, so a trigram index finds any substring.

    pg_trgm takes no trigram from a 1–2 character LIKE '%q%', and Chinese names and queries are that short;
    spaced, each character yields its own trigrams, and the index answers rows holding all the query's
    characters (LIKE then checks the order). The same expression is indexed by migration
    0003_search_indexes (worker_name_chars_trgm): change both together.
    """
    template = "(' ' || REGEXP_REPLACE(%(expressions)s, '(.)', '\\1 ', 'g'))"
    output_field = TextField()


def _name_contains(qs: QuerySet[Worker], q: str) -> QuerySet[Worker]:
    if connection.vendor != "postgresql":
        return qs.filter(name__contains=q)
    return qs.alias(name_spaced=SpacedName("name")).filter(name_spaced__contains=" " + " ".join(q) + " ")


def rate_percent(members: int, staff: int) -> float | None:
    """入会率 as a percentage with one decimal: members in membership among staff on the roster (None without
    staff). The one formula: the dashboard, the federation's table, the API and exports take it from here."""
    return round(100.0 * members / staff, 1) if staff else None


def in_membership_on(day: dt.date | None) -> Q:
    """Workers in membership (在会) on ``day`` (None: now). Rebuilt from the join date and the last status change:
    a member whose status changed after ``day`` (retired, transferred out, left) was in membership before it."""
    if day is None:
        return Q(membership__status=MembershipStatus.ACTIVE)
    return Q(membership__joined_on__lte=day) & (Q(membership__status=MembershipStatus.ACTIVE)
                                                | Q(membership__status_since__gt=day))


def members_on(day: dt.date | None) -> Q:
    """会员 on ``day``: in membership, or keeping it as a retiree (保留会籍) since on or before ``day``."""
    retained = Q(membership__status=MembershipStatus.RETAINED)
    if day is None:
        return Q(membership__status=MembershipStatus.ACTIVE) | retained
    return in_membership_on(day) | (retained & Q(membership__status_since__lte=day, membership__joined_on__lte=day))


def on_roster_on(day: dt.date | None) -> Q:
    """Staff on the roster (在职) on ``day`` (None: now). Employment has no date of its own, but retiring and
    transferring out move membership and employment together (members.services): a worker who retired or
    transferred out after ``day`` was still on the staff then. A non-member who left after ``day`` is not seen."""
    employed = Q(employment_status=EmploymentStatus.EMPLOYED)
    if day is None:
        return employed
    return employed | Q(membership__status__in=[MembershipStatus.RETAINED, MembershipStatus.TRANSFERRED_OUT],
                        membership__status_since__gt=day)


def membership_rate(qs: QuerySet[Worker], *, on: dt.date | None = None) -> dict:
    """入会率: members in membership among staff on the roster (在职), as counts and a percentage; ``on`` a day
    reads the roster and membership as they stood then (``on_roster_on``, ``in_membership_on``)."""
    agg = qs.filter(on_roster_on(on)).aggregate(staff=Count("id"), members=Count("id", filter=in_membership_on(on)))
    staff, members = agg["staff"], agg["members"]
    return {"staff": staff, "members": members, "rate": rate_percent(members, staff)}


def membership_rate_by(qs: QuerySet[Worker], field: str) -> list[dict]:
    """Rates per ``field`` ("unit__name" or "group__name"), in the units' or groups' own order
    (sort order, then the name's natural order: 第2小组 before 第10小组); people without one last."""
    org = field.split("__")[0]
    rows = (qs.on_roster().values(field, f"{org}__sort_order", f"{org}__name_sort")
            .annotate(staff=Count("id"), members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)))
            .order_by(F(f"{org}__sort_order").asc(nulls_last=True), f"{org}__name_sort", field))
    return [{**r, "rate": rate_percent(r["members"], r["staff"])} for r in rows]


PICK_SCOPES = ("union", "members")


def person_pick(ctx, q: str, *, scope: str = "union", limit: int = 10) -> QuerySet[Worker]:
    """The person picker's answers: the roster's own search over the whole union (a ballot's write-in or an
    entry names anyone), ``scope="members"`` keeping active and retained members. Only who may see the whole
    roster finds a person by card number, ID tail or mobile: for the others a number finds no one, so the
    picker cannot tell them whose the number is."""
    q = (q or "").strip()[:50]
    if ctx.union is None or not q:
        return Worker.objects.none()
    if not ctx.has("members.view_all") and any(ch.isdigit() for ch in q):
        return Worker.objects.none()
    qs = Worker.objects.filter(union=ctx.union)
    if scope == "members":
        qs = qs.filter(membership__status__in=[MembershipStatus.ACTIVE, MembershipStatus.RETAINED])
    return worker_search(qs, WorkerFilters(q=q)).select_related("unit").order_by("name_pinyin", "pk")[:limit]


def membership_history(worker: Worker) -> QuerySet:
    """The member's own membership events (入会, 转入, 转出, 退休保留会籍…), oldest first."""
    from unionhome.members.models import MembershipEvent

    return MembershipEvent.objects.filter(membership__worker=worker).order_by("on", "id")


def contact_self_updates(worker: Worker, *, limit: int = 5) -> list:
    """When the member last corrected their own mobile or address (for the officers reading the record)."""
    from unionhome.core.models import AuditEntry

    return list(AuditEntry.objects.filter(action="members.worker.contact_self_updated", target_type="members.worker",
                                          target_id=str(worker.pk)).order_by("-id").values_list("at", flat=True)[:limit])


def my_worker(ctx) -> Worker | None:
    """The signed-in user's own roster row in the current union (None for an account with no member behind it)."""
    if ctx.union is None or ctx.worker_id is None:
        return None
    return Worker.objects.filter(union=ctx.union, pk=ctx.worker_id).select_related("unit", "group", "membership").first()


def my_worker_or_404(ctx) -> Worker:
    """``my_worker``, or 404."""
    from django.http import Http404

    worker = my_worker(ctx)
    if worker is None:
        raise Http404
    return worker


def join_applications(union, status: str | None = "submitted") -> QuerySet:
    from unionhome.members.models import JoinApplication

    qs = JoinApplication.objects.filter(union=union).select_related("unit", "group", "worker__membership")
    return qs.filter(status=status) if status else qs


def join_link_of(union):
    from unionhome.members.models import JoinLink

    return JoinLink.objects.filter(union=union, active=True).first()


def row_with_member(model, union, pk: int, worker_id: int | None, worker_fields: tuple[str, ...]):
    """A row of ``union`` (``model``, by id) and a member of the same union with their membership's status, in
    one statement — the burst paths' read (a sign-up, a ballot). Returns ``(row, worker)``: the row whole, its
    union set to ``union`` without a join; the worker with only ``worker_fields`` loaded (the rest deferred: their
    encrypted fields are never read or decrypted here), or None when ``worker_id`` names nobody of the union.
    404 when the row is missing or another union's, as ``get_in_union_or_404`` answers."""
    from django.http import Http404

    from unionhome.core.statements import statement_cursor
    from unionhome.members.models import Membership, Worker

    if union is None:
        raise Http404
    sql, columns, names = _row_with_member_statement(model, worker_fields)
    with statement_cursor() as cursor:
        cursor.execute(sql, [worker_id, pk, union.pk])
        values = cursor.fetchone()
    if values is None:
        raise Http404
    k = len(columns.names)
    row = model_from_row(columns, values[:k])
    row.union = union
    w, m = Worker._meta, Membership._meta
    worker_values, m_id, m_status = values[k:k + len(names)], values[-2], values[-1]
    if worker_values[names.index("id")] is None:
        return row, None
    worker = Worker.from_db(connection.alias, names, list(worker_values))
    if m_id is None:
        w.get_field("membership").set_cached_value(worker, None)
    else:
        given = {"id": m_id, "worker_id": worker.pk, "status": m_status}
        fields = [f.attname for f in m.concrete_fields if f.attname in given]
        worker.membership = Membership.from_db(connection.alias, fields, [given[n] for n in fields])
    return row, worker


def _row_with_member_statement(model, worker_fields: tuple[str, ...]):
    """``row_with_member``'s SQL, the row's columns (``core.rows.model_columns``) and the worker's columns — built
    once per model and process (``core.statements.built_once``): building a raw query set and matching its columns
    to fields cost more CPU than the statement itself on the burst paths."""
    from unionhome.core.statements import built_once

    return built_once(("row_with_member", model, worker_fields, connection.alias),
                      lambda: _build_row_with_member(model, worker_fields))


def _build_row_with_member(model, worker_fields: tuple[str, ...]):
    from unionhome.members.models import Membership, Worker

    w, m = Worker._meta, Membership._meta
    columns = model_columns(model, "x")
    names = [f.attname for f in w.concrete_fields if f.attname in {"id", *worker_fields}]  # from_db's order
    select = ", ".join([columns.select] + [f'w."{w.get_field(n).column}"' for n in names])
    sql = (f'SELECT {select}, m."id", m."status" FROM "{model._meta.db_table}" x'
           f' LEFT JOIN "{w.db_table}" w ON w."id" = %s AND w."union_id" = x."union_id"'
           f' LEFT JOIN "{m.db_table}" m ON m."worker_id" = w."id"'
           ' WHERE x."id" = %s AND x."union_id" = %s')
    return sql, columns, names

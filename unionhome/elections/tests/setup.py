"""Shared set-up for election tests, all through the real services."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from unionhome.committees.models import Committee, Position
from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.core import idcard
from unionhome.core.models import RuleSetting
from unionhome.elections import services
from unionhome.elections.models import Election
from unionhome.members.services import membership_transfer_out, worker_create

TODAY = dt.date(2026, 11, 20)


def today():
    return timezone.localdate()


def committee_term(cast):
    """The cast union's active committee (3 seats for 11 members): chair 吴十, 王五, 陈三."""
    term = term_create(actor=None, union=cast.union, kind=Committee.Kind.UNION, number=1,
                       starts_on=dt.date(2024, 3, 15), years=5, seats=3)
    term = term_approve(actor=None, term=term, approved_on=dt.date(2024, 3, 20), approval_document="县总工发〔2024〕1号",
                 approved_by="测试县总工会")
    position_assign(actor=None, term=term, worker=cast.workers["chair"], title=Position.Title.CHAIR,
                    started_on=dt.date(2024, 3, 20))
    position_assign(actor=None, term=term, worker=cast.workers["committee"], title=Position.Title.MEMBER,
                    started_on=dt.date(2024, 3, 20))
    position_assign(actor=None, term=term, worker=cast.workers["group2_worker"], title=Position.Title.MEMBER,
                    started_on=dt.date(2024, 3, 20))
    return term


def vacate(cast, on=None):
    """陈三 is transferred to another union: his committee seat becomes vacant."""
    on = on or today() - dt.timedelta(days=10)
    membership_transfer_out(actor=None, worker=cast.workers["group2_worker"], on=on, to_union="示范县教育系统工会",
                            card_endorsement="转出签注")
    return on


def setting(key, value, union=None):
    RuleSetting.objects.create(key=key, value=value, source="测试", effective_from=dt.date(2000, 1, 1), union=union)


def general(cast, *, mode=Election.Mode.PAPER, seats=3, candidates=("member", "committee", "finance", "auditor"),
            confirm=True, held_on=None):
    election = services.election_create(actor=None, union=cast.union, kind=Election.Kind.GENERAL,
                                        committee_kind=Committee.Kind.UNION, mode=mode, seats=seats,
                                        held_on=held_on or today(), term_years=5, body=Election.Body.MEMBERS)
    for role in candidates:
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[role], confirmed=confirm)
    return election


def representatives(cast, *, candidates=("member", "committee", "finance", "auditor"), mode=Election.Mode.PAPER):
    """A draft election by a representatives' congress (the size limit lowered so the cast union qualifies)."""
    setting("committees.members_congress_max_members", 5)
    election = services.election_create(actor=None, union=cast.union, kind=Election.Kind.GENERAL,
                                        committee_kind=Committee.Kind.UNION, mode=mode, seats=3,
                                        held_on=today(), term_years=5, body=Election.Body.REPRESENTATIVES)
    for role in candidates:
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[role], confirmed=True)
    return election


def open_online(election, *, hours=2, present=None):
    """Open an online vote of a members' meeting; ``present`` defaults to every active member (full attendance)."""
    from unionhome.members.models import Worker

    now = timezone.now()
    if present is None:
        present = Worker.objects.filter(union=election.union).active_members().count()
    return services.election_open(actor=None, election=election, opens_at=now - dt.timedelta(minutes=5),
                                  closes_at=now + dt.timedelta(hours=hours), present=present)


def extra_members(cast, n, *, start=1000):
    """``n`` more active members of the cast union (for electorates larger than the cast)."""
    out = []
    for i in range(n):
        born = dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28)
        out.append(worker_create(actor=None, union=cast.union, name=f"杨{i}号", gender="M" if i % 2 else "F",
                                 birth_date=born, id_number=idcard.make("110101", born, start + i, "M" if i % 2 else "F"),
                                 join_on=dt.date(2020, 1, 1)))
    return out


def paper_counts(election, figures: dict, *, present=None, issued=None, returned=None, invalid=0, write_ins=()):
    """``figures``: worker role name or Worker → (for, against, abstain)."""
    election.refresh_from_db()
    entitled = election.entitled
    counts = {}
    for c in election.candidates.filter(confirmed=True, write_in=False).select_related("worker"):
        counts[c.pk] = figures.get(c.worker.pk, (0, 0, 0))
    present = entitled if present is None else present
    issued = present if issued is None else issued
    returned = issued if returned is None else returned
    return services.paper_count_record(actor=None, election=election, present=present, issued=issued,
                                       returned=returned, invalid=invalid, counts=counts, write_ins=list(write_ins))


def bulk_members(cast, n):
    """``n`` extra active members, written in bulk (a large electorate; worker_create would take minutes)."""
    from unionhome.members.models import Membership, Worker
    from unionhome.members.services import worker_fill_derived

    workers = []
    for i in range(n):
        born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        w = Worker(union=cast.union, name=f"杨{i}", gender="M", birth_date=born,
                   id_number=idcard.make("110101", born, 2000 + i, "M"))
        worker_fill_derived(w)
        workers.append(w)
    Worker.objects.bulk_create(workers, batch_size=500)
    workers = list(Worker.objects.filter(union=cast.union, name__startswith="杨").order_by("pk"))
    Membership.objects.bulk_create([Membership(union=cast.union, worker=w, joined_on=dt.date(2020, 1, 1),
                                               status_since=dt.date(2020, 1, 1)) for w in workers], batch_size=500)
    return list(Worker.objects.filter(pk__in=[w.pk for w in workers]).select_related("membership").order_by("pk"))


def big_online_election(cast, n):
    """An online election with ``n`` extra voters (the seat range widened for the larger union)."""
    setting("committees.seat_ranges", [[None, 3, 3]])
    voters = bulk_members(cast, n)
    election = open_online(general(cast, mode=Election.Mode.ONLINE))
    return election, voters

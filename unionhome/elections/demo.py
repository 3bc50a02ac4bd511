"""The demo union's elections: the 2024 general election that produced the current committee (paper ballots,
approved by the county federation) and this year's open by-election for a member transferred away."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from unionhome.committees.models import Committee, Position, Term
from unionhome.core.demo_photos import demo_portrait
from unionhome.elections import services
from unionhome.elections.models import Election
from unionhome.members.models import Worker
from unionhome.members.services import membership_transfer_out


def _paper(election, fors: dict, *, present: int, invalid: int = 0, released_on: dt.date):
    services.election_open(actor=None, election=election)
    election.refresh_from_db()
    counts = {c.pk: (fors.get(c.worker_id, 0), present - invalid - fors.get(c.worker_id, 0), 0)
              for c in election.candidates.filter(confirmed=True, write_in=False)}
    services.paper_count_record(actor=None, election=election, present=present, issued=present, returned=present,
                                invalid=invalid, counts=counts)
    services.election_close(actor=None, election=election)
    return services.election_release(actor=None, election=election, on=released_on)


def build(ctx) -> None:
    union, chair_user = ctx.union, ctx.chair_user
    term = Term.objects.get(union=union, committee__kind=Committee.Kind.UNION, status=Term.Status.ACTIVE)
    positions = list(term.positions.select_related("worker"))
    holders = [p.worker for p in positions]
    in_post = [w for w in ctx.workers if w.employment_status == "employed"]
    runner_up = next(w for w in in_post if w not in holders and w.gender == "F" and w.pk % 5 == 0)
    held = dt.date(2024, 3, 10)

    # 2024: the 会员大会 elects 7 committee members from 8 candidates on paper; the new committee elects its chair
    # and vice-chair; the county federation approves on 15 March. The term and positions already exist (the demo
    # builder made them), so the election is recorded as the one that produced that term.
    general = services.election_create(actor=chair_user, union=union, kind=Election.Kind.GENERAL,
                                       committee_kind=Committee.Kind.UNION, mode=Election.Mode.PAPER, seats=7,
                                       held_on=held, term_years=5, body=Election.Body.MEMBERS,
                                       title="2024年工会委员会换届选举")
    for w in [*holders, runner_up]:
        services.candidate_nominate(actor=chair_user, election=general, worker=w, nominated_by="各工会小组推荐",
                                    confirmed=True)
    services.election_set_officers(actor=chair_user, election=general, scrutineers=in_post[30:32],
                                   tellers=in_post[40:42])
    general.refresh_from_db()
    fors = {w.pk: 201 - 4 * i for i, w in enumerate(holders)}
    fors[runner_up.pk] = 96
    _paper(general, fors, present=228, invalid=2, released_on=held)
    for purpose, title in ((Election.Purpose.CHAIR, Position.Title.CHAIR),
                           (Election.Purpose.VICE_CHAIR, Position.Title.VICE_CHAIR)):
        office = services.election_create(actor=chair_user, union=union, kind=Election.Kind.GENERAL,
                                          committee_kind=Committee.Kind.UNION, mode=Election.Mode.PAPER, seats=1,
                                          held_on=held, purpose=purpose, parent=general)
        holder = next(p.worker for p in positions if p.title == title)
        services.candidate_nominate(actor=chair_user, election=office, worker=holder, nominated_by="委员会提名",
                                    confirmed=True)
        _paper(office, {holder.pk: 7}, present=7, released_on=held)
    services.election_approve(actor=chair_user, election=general, approved_on=term.approved_on,
                              approval_document=term.approval_document, approved_by=term.approved_by,
                              existing_term=term)

    # This year: a committee member is transferred to the education union; the by-election is open online.
    leaving = next(p.worker for p in positions if p.title == Position.Title.MEMBER and p.worker.gender == "M"
                   and p.worker.pk not in {u.worker_id for u in ctx.users.values() if getattr(u, "worker_id", None)})
    moved_on = max(dt.date(ctx.today.year, 1, 2), ctx.today - dt.timedelta(days=40))
    membership_transfer_out(actor=chair_user, worker=leaving, on=moved_on, to_union="示范县教育系统工会",
                            card_endorsement=f"{moved_on:%Y年%m月%d日}转出至示范县教育系统工会", note="工作调动")
    by = services.election_create(actor=chair_user, union=union, kind=Election.Kind.BY,
                                  committee_kind=Committee.Kind.UNION, mode=Election.Mode.ONLINE, seats=1,
                                  held_on=ctx.today, body=Election.Body.MEMBERS,
                                  title=f"{ctx.today.year}年工会委员会增补委员选举")
    for w in [w for w in in_post if w not in holders and w != runner_up][60:62]:
        candidate = services.candidate_nominate(actor=chair_user, election=by, worker=w, nominated_by="工会委员会提名",
                                                confirmed=True)
        # the photo voters see beside the name on the online ballot
        services.candidate_photo_set(actor=chair_user, candidate=candidate, upload=demo_portrait(w.pk))
    now = timezone.now()
    members = Worker.objects.filter(union=union).active_members().count()  # nine in ten at the opening meeting
    services.election_open(actor=chair_user, election=by, opens_at=now - dt.timedelta(hours=1),
                           closes_at=now + dt.timedelta(days=7), present=members - members // 10)

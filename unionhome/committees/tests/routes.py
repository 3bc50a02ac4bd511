"""Committee routes. POST routes run for every role in turn on the same data: the first holder of
``committees.manage`` (the chair) succeeds, the next (admin) meets the state the chair left behind."""
import datetime as dt
import itertools

from unionhome.core.testing.matrix import Route, by_perm

_n = itertools.count(10)


def _pending_term(cast):
    from unionhome.committees.services import term_create

    return term_create(actor=None, union=cast.union, kind="women", number=next(_n), starts_on=dt.date(2025, 1, 1),
                       years=5, seats=3)


def _active_term(cast):
    from unionhome.committees.services import term_approve

    return term_approve(actor=None, term=_pending_term(cast), **APPROVAL_ARGS)


def _open_position(cast):
    from unionhome.committees.services import position_assign

    term = _active_term(cast)
    return position_assign(actor=None, term=term, worker=cast.workers["women_committee"], title="women_member",
                           started_on=dt.date(2025, 1, 1))


MANAGE = by_perm("committees.manage")
MANAGE_OBJ = by_perm("committees.manage", outsider=404)
# A POST page action redirects back to the term whether the service agreed or explained why not.
MANAGE_POST = by_perm("committees.manage", ok=302, outsider=404)
APPROVAL = {"approved_on": "2025-01-10", "approval_document": "县总工发〔2025〕1号", "approved_by": "测试县总工会"}
APPROVAL_ARGS = {**APPROVAL, "approved_on": dt.date(2025, 1, 10)}

ROUTES = [
    Route("committees:home", expect=by_perm("org.view")),
    Route("committees:term_create", expect=MANAGE),
    Route("committees:term_create", method="post",
          data=lambda c: {"kind": "audit", "number": next(_n), "starts_on": "2025-01-01", "years": 5, "seats": 3},
          expect=by_perm("committees.manage", ok=302)),
    Route("committees:term", kwargs=lambda c: {"pk": _pending_term(c).pk},
          expect=by_perm("org.view", outsider=404)),
    Route("committees:term_approve", method="post", kwargs=lambda c: {"pk": _pending_term(c).pk}, data=APPROVAL,
          expect=MANAGE_POST),
    Route("committees:term_reschedule", method="post", kwargs=lambda c: {"pk": _active_term(c).pk},
          data={"approved_on": "2025-02-01", "hold_by": "2025-06-30", "approval_document": "县总工发〔2025〕9号",
                "approved_by": "测试县总工会"}, expect=MANAGE_POST),
    Route("committees:position_assign", method="post", kwargs=lambda c: {"pk": _active_term(c).pk},
          data=lambda c: {"worker": c.workers["committee"].pk, "title": "member", "started_on": "2025-01-01"},
          expect=MANAGE_POST),
    Route("committees:position_end", method="post", kwargs=lambda c: {"pk": _open_position(c).pk},
          data={"on": "2025-06-01", "reason": "调离"}, expect=MANAGE_POST),
    Route("api:committees_terms", expect=by_perm("org.view")),
    Route("api:committees_terms_create", method="post", json=True,
          data=lambda c: {"kind": "audit", "number": next(_n), "starts_on": "2025-01-01", "years": 5, "seats": 3},
          expect=by_perm("committees.manage", ok=201)),
    # each role approves a pending term of its own (fresh per role)
    Route("api:committees_term_approve", method="post", json=True, kwargs=lambda c: {"term_id": _pending_term(c).pk},
          data=APPROVAL, expect=by_perm("committees.manage", outsider=404)),
    Route("api:committees_position_assign", method="post", json=True,
          kwargs=lambda c: {"term_id": _active_term(c).pk},
          data=lambda c: {"worker_id": c.workers["committee"].pk, "title": "member", "started_on": "2025-01-01"},
          expect=by_perm("committees.manage", ok=201, outsider=404)),
    Route("api:committees_position_end", method="post", json=True,
          kwargs=lambda c: {"position_id": _open_position(c).pk}, data={"on": "2025-06-01", "reason": "调离"},
          expect=by_perm("committees.manage", outsider=404)),
    Route("api:committees_term_reschedule", method="post", json=True, kwargs=lambda c: {"term_id": _active_term(c).pk},
          data={"approved_on": "2025-02-01", "hold_by": "2025-06-30", "approval_document": "县总工发〔2025〕9号",
                "approved_by": "测试县总工会"}, expect=by_perm("committees.manage", outsider=404)),
]

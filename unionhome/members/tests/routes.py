import itertools

from unionhome.core.testing.matrix import ROLES, Route, audited, by_perm


def group1_worker(cast):
    return {"pk": cast.workers["group1_worker"].pk}


def group1_worker_api(cast):
    return {"worker_id": cast.workers["group1_worker"].pk}


# A worker of group 1: officers see them, the group-1 leader sees them, a plain member
# does not (404, the same as a missing row), nor does the other union's chair.
DETAIL = by_perm("members.view", member=404, outsider=404)
REVEAL = by_perm("members.reveal", outsider=404)

# 我的: every account with a member behind it, for itself; the federation's viewer has none (404)
OWN = {**dict.fromkeys(ROLES, 200), "federation": 404}
OWN_POST = {**dict.fromkeys(ROLES, 302), "federation": 404}
_mobiles = itertools.count(13900000100)


def contact(cast):
    return {"mobile": str(next(_mobiles)), "address": "东街1号"}


ROUTES = [
    Route("members:list", expect=by_perm("members.view")),
    Route("members:my_contact", expect=OWN),
    Route("members:my_contact", method="post", data=contact, expect=OWN_POST,
          probe=audited("members.worker.contact_self_updated")),
    Route("api:members_me", expect=OWN),
    Route("api:members_me_contact", method="post", json=True, data=contact, expect=OWN),
    Route("members:detail", kwargs=group1_worker, expect=DETAIL),
    Route("members:reveal", method="post", kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "field": "id_number"},
          expect=REVEAL),
    Route("api:members_workers", expect=by_perm("members.view")),
    Route("api:members_worker", kwargs=group1_worker_api, expect=DETAIL),
    Route("api:members_worker_reveal", method="post",
          kwargs=lambda c: {"worker_id": c.workers["group1_worker"].pk, "field": "id_number"}, expect=REVEAL),
]

_seq = itertools.count(500)


def new_worker(cast):
    import datetime as dt

    from unionhome.core import idcard

    born = dt.date(1992, 4, 5)
    return {"name": "新职工", "gender": "F", "ethnicity": "汉族", "birth_date": born.isoformat(),
            "id_number": idcard.make("110101", born, next(_seq), "F"), "employment_status": "employed",
            "political_status": "masses"}


MANAGE_OBJ = by_perm("members.manage", outsider=404)

ROUTES += [
    Route("members:create", expect=by_perm("members.manage")),
    Route("members:create", method="post", data=new_worker, expect=by_perm("members.manage", ok=302)),
    Route("members:rates", expect=by_perm("members.view_all")),
    Route("members:edit", kwargs=group1_worker, expect=MANAGE_OBJ),
    Route("members:edit", method="post", kwargs=group1_worker, data={}, expect=MANAGE_OBJ),
    Route("members:membership", kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "action": "transfer_out"},
          expect=MANAGE_OBJ),
    Route("members:membership", method="post", data={},
          kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "action": "transfer_out"}, expect=MANAGE_OBJ),
    Route("api:members_workers", method="post", json=True, data=new_worker,
          expect=by_perm("members.manage", ok=201)),
    Route("api:members_worker", method="patch", json=True, kwargs=group1_worker_api, data={"post": "科员"},
          expect=MANAGE_OBJ),
    # the committee member (first holder in the matrix's order) records the leaving; later holders get 409
    Route("api:members_membership", method="post", json=True,
          kwargs=lambda c: {"worker_id": c.workers["group1_worker"].pk, "action": "leave"}, data={"on": "2025-01-01"},
          expect=by_perm("members.manage", outsider=404, chair=409, admin=409)),
    Route("api:members_rates", expect=by_perm("members.view_all")),
]

# The person picker's search: every role of a union (a member writes a name in on a ballot); not the federation.
ROUTES += [
    Route("members:pick", expect=by_perm("members.view")),
]

# 入会申请: the public form behind the union's link (anyone, no account), the committee's list and decisions
_applicants = itertools.count(700)


def _link(cast):
    from unionhome.members.queries import join_link_of
    from unionhome.members.services_join import join_link_renew

    return join_link_of(cast.union) or join_link_renew(actor=None, union=cast.union)


def applicant(cast):
    import datetime as dt

    from unionhome.core import idcard

    born = dt.date(1994, 6, 7)
    return {"name": "申请人", "gender": "M", "ethnicity": "汉族", "birth_date": born.isoformat(),
            "id_number": idcard.make("110101", born, next(_applicants), "M"), "mobile": "13700000000"}


def _application(cast):
    import datetime as dt

    from unionhome.members.services_join import join_application_submit

    data = applicant(cast)
    data["birth_date"] = dt.date.fromisoformat(data["birth_date"])
    return join_application_submit(link=_link(cast), **data)


def link_token(cast):
    return {"token": _link(cast).token}


def link_token_fresh_address(cast):
    """Each role applies on its own: the earlier roles' applications (all from the test client's one address) are
    made two hours old, so the per-address hourly limit (tested in test_join) does not refuse the next role."""
    from datetime import timedelta

    from django.utils import timezone

    from unionhome.members.models import JoinApplication
    JoinApplication.objects.update(created_at=timezone.now() - timedelta(hours=2))
    return link_token(cast)


def application(cast):
    return {"pk": _application(cast).pk}


def application_api(cast):
    return {"application_id": _application(cast).pk}


def with_link(cast):
    _link(cast)
    return {}


PUBLIC = {**dict.fromkeys(ROLES, 200)}
MANAGE = by_perm("members.manage")
ROUTES += [
    Route("members:join_apply", kwargs=link_token, expect=PUBLIC, anonymous=200),
    Route("members:join_apply", method="post", kwargs=link_token_fresh_address, data=applicant, expect=PUBLIC, anonymous=200),
    Route("api:members_join_apply", method="post", json=True, kwargs=link_token_fresh_address, data=applicant,
          expect=dict.fromkeys(ROLES, 201), anonymous=201),
    Route("members:join_list", expect=MANAGE),
    Route("members:join_qr", kwargs=with_link, expect=by_perm("members.manage", outsider=302)),
    Route("members:join_link_renew", method="post", expect=by_perm("members.manage", ok=302),
          probe=audited("members.join_link.renewed")),
    Route("members:join_approve", method="post", kwargs=application, expect=by_perm("members.manage", ok=302,
                                                                                      outsider=404),
          probe=audited("members.join_application.approved")),
    Route("members:join_decline", method="post", kwargs=application, data={"reason": "不在本单位工作"},
          expect=by_perm("members.manage", ok=302, outsider=404), probe=audited("members.join_application.declined")),
    Route("api:members_join_applications", expect=MANAGE),
    # a fresh application for every role
    Route("api:members_join_approve", method="post", json=True, kwargs=application_api, data={},
          expect=by_perm("members.manage", outsider=404)),
    Route("api:members_join_decline", method="post", json=True, kwargs=application_api,
          data={"reason": "不在本单位工作"}, expect=by_perm("members.manage", outsider=404)),
    Route("api:members_join_link", method="post", expect=MANAGE),
]

"""Every awards route × every role. ``awards.view``: every role of the union but the federation;
``awards.nominate``: group leader (own group), committee, chair; ``awards.manage``: committee, chair.
The outsider (another union's chair) gets 404 for our rounds and writes only into their own union."""
from __future__ import annotations

import itertools

from django.utils import timezone

from unionhome.core.testing.matrix import Route, by_perm

_years = itertools.cycle(range(2001, 2100))
_n = itertools.count(1)
_LATEST: dict = {}  # what the last kwargs() built, for the row's data()

VIEW = by_perm("awards.view")
VIEW_OBJ = by_perm("awards.view", outsider=404)
VIEW_POST = by_perm("awards.view", ok=302, outsider=404)
MANAGE = by_perm("awards.manage")
MANAGE_OBJ = by_perm("awards.manage", outsider=404)
MANAGE_POST = by_perm("awards.manage", ok=302, outsider=404)
NOMINATE_POST = by_perm("awards.nominate", ok=302, outsider=404)


def _kind(cast):
    from unionhome.awards.models import HonourKind
    from unionhome.awards.services import kind_create

    return (HonourKind.objects.filter(union=cast.union, name="先进工作者").first()
            or kind_create(actor=None, union=cast.union, name="先进工作者", reward_item="保温杯", reward_value="200"))


def _round(cast, stage="nominating"):
    import datetime as dt

    from unionhome.awards import services

    today = timezone.localdate()
    r = services.round_create(actor=None, union=cast.union, year=next(_years), kinds=[_kind(cast)])
    n = services.nomination_add(actor=None, round=r, kind=_kind(cast), worker=cast.workers["group1_worker"])
    _LATEST["nomination"] = n.pk
    if stage == "nominating":
        return r
    services.round_decide(actor=None, round=r, chosen=[n.pk], meeting_ref="委员会会议",
                          meeting_on=today - dt.timedelta(days=20))
    if stage == "decided":
        return r
    starts = today if stage == "published_now" else today - dt.timedelta(days=19)
    r = services.round_publish(actor=None, round=r, starts_on=starts)
    _LATEST["award"] = r.awards.get().pk
    if stage in ("published", "published_now"):
        return r
    return services.round_finalise(actor=None, round=r, today=today - dt.timedelta(days=5))


def _group_kind(cast):
    from unionhome.awards.models import HonourKind
    from unionhome.awards.services import kind_create

    return (HonourKind.objects.filter(union=cast.union, name="优秀工会小组").first()
            or kind_create(actor=None, union=cast.union, name="优秀工会小组", nominee="group", reward_value="0"))


def group_round_kw(cast):
    from unionhome.awards import services

    return {"pk": services.round_create(actor=None, union=cast.union, year=next(_years), kinds=[_group_kind(cast)]).pk}


def group_round_api(cast):
    return {"round_id": group_round_kw(cast)["pk"]}


def round_kw(stage="nominating"):
    return lambda cast: {"pk": _round(cast, stage).pk}


def round_api(stage="nominating"):
    return lambda cast: {"round_id": _round(cast, stage).pk}


def nomination_kw(cast):
    _round(cast)
    return {"pk": _LATEST["nomination"]}


def award_kw(cast):
    _round(cast, "published_now")
    return {"pk": _LATEST["award"]}


def _objection(cast):
    from unionhome.awards.models import Award
    from unionhome.awards.services import objection_raise

    _round(cast, "published_now")
    return objection_raise(actor=None, award=Award.objects.get(pk=_LATEST["award"]), reason="有异议")


def _count(model, **lookup):
    def probe(cast, kw):
        from unionhome.awards import models

        return getattr(models, model).objects.filter(union=cast.union, **{
            k: kw[v] if isinstance(v, str) and v in kw else v for k, v in lookup.items()}).count()
    return probe


def _status(cast, kw):
    from unionhome.awards.models import Round

    return Round.objects.get(pk=kw["pk"]).status


def _nomination_exists(cast, kw):
    from unionhome.awards.models import Nomination

    return Nomination.objects.filter(pk=kw["pk"]).exists()


def _answered(cast, kw):
    from unionhome.awards.models import Objection

    return Objection.objects.get(pk=kw["pk"]).answered_at is not None


def _rewarded(cast, kw):
    from unionhome.awards.models import Award

    return Award.objects.filter(round_id=kw["pk"], reward_entry__isnull=False).count()


def _today(cast):
    return timezone.localdate().isoformat()


ROUTES = [
    Route("awards:home", expect=VIEW),
    Route("awards:register", expect=VIEW),
    Route("awards:round", kwargs=round_kw("published"), expect=VIEW_OBJ),
    Route("awards:kind_create", method="post", data=lambda c: {"name": f"荣誉{next(_n)}", "reward_value": "100",
                                                               "reward_form": "goods"},
          expect=by_perm("awards.manage", ok=302), probe=_count("HonourKind"), changes={"outsider": False}),
    Route("awards:round_create", method="post",
          data=lambda c: {"year": next(_years), "kinds": [_kind(c).pk]},
          expect=by_perm("awards.manage", ok=302), probe=_count("Round"), changes={"outsider": False}),
    Route("awards:nomination_add", method="post", kwargs=round_kw(), expect=NOMINATE_POST,
          data=lambda c: {"kind": _kind(c).pk, "worker": c.workers["member"].pk},
          probe=_count("Nomination", round_id="pk")),
    Route("awards:group_nomination_add", method="post", kwargs=group_round_kw, expect=NOMINATE_POST,
          data=lambda c: {"kind": _group_kind(c).pk, "group": c.groups[0].pk, "discussion": "全年学习出勤率最高"},
          probe=_count("Nomination", round_id="pk")),
    Route("awards:nomination_remove", method="post", kwargs=nomination_kw, expect=NOMINATE_POST,
          probe=_nomination_exists),
    Route("awards:exclusion_add", method="post", kwargs=round_kw(), expect=MANAGE_POST,
          data=lambda c: {"worker": c.workers["member"].pk, "ground": "年度考核不称职"},
          probe=_count("Exclusion", round_id="pk")),
    Route("awards:decide", method="post", kwargs=round_kw(), expect=MANAGE_POST, probe=_status,
          data=lambda c: {"chosen": [_LATEST["nomination"]], "meeting_ref": "委员会会议", "meeting_on": _today(c)}),
    Route("awards:publish", method="post", kwargs=round_kw("decided"), expect=MANAGE_POST, probe=_status,
          data=lambda c: {"starts_on": _today(c)}),
    Route("awards:objection_raise", method="post", kwargs=award_kw, expect=VIEW_POST,
          data={"reason": "事迹与实际不符"}, probe=_count("Objection", award_id="pk")),
    Route("awards:objection_answer", method="post", kwargs=lambda c: {"pk": _objection(c).pk}, expect=MANAGE_POST,
          data={"answer": "经核实，符合条件"}, probe=_answered),
    Route("awards:finalise", method="post", kwargs=round_kw("published"), expect=MANAGE_POST, probe=_status),
    Route("awards:rewards_book", method="post", kwargs=round_kw("final"), expect=MANAGE_POST, probe=_rewarded,
          data=lambda c: {"on": _today(c)}),
    Route("awards:certificates", kwargs=round_kw("final"), expect=MANAGE_OBJ),
    # API
    Route("api:awards_kinds", expect=VIEW),
    Route("api:awards_rounds", expect=VIEW),
    Route("api:awards_round", kwargs=round_api("published"), expect=VIEW_OBJ),
    Route("api:awards_objections", kwargs=round_api("published"), expect=MANAGE_OBJ),
    Route("api:awards_register", expect=VIEW),
    Route("api:awards_figures", data={"year": 2026}, expect=VIEW),
    Route("api:awards_certificates", kwargs=round_api("final"), expect=MANAGE_OBJ),
    Route("api:awards_kind_create", method="post", json=True, expect=by_perm("awards.manage", ok=201),
          data=lambda c: {"name": f"荣誉{next(_n)}", "reward_value": "100"}),
    Route("api:awards_round_create", method="post", json=True, expect=by_perm("awards.manage", ok=201, outsider=422),
          data=lambda c: {"year": next(_years), "kind_ids": [_kind(c).pk]}),
    Route("api:awards_nominate", method="post", json=True, kwargs=round_api(),
          expect=by_perm("awards.nominate", ok=201, outsider=404),
          data=lambda c: {"kind_id": _kind(c).pk, "worker_id": c.workers["member"].pk, "votes_for": 3, "voters": 4}),
    Route("api:awards_nominate_group", method="post", json=True, kwargs=group_round_api,
          expect=by_perm("awards.nominate", ok=201, outsider=404),
          data=lambda c: {"kind_id": _group_kind(c).pk, "group_id": c.groups[0].pk}),
    Route("api:awards_nomination_remove", method="delete", json=True,
          kwargs=lambda c: {"nomination_id": nomination_kw(c)["pk"]},
          expect=by_perm("awards.nominate", ok=204, outsider=404)),
    Route("api:awards_exclude", method="post", json=True, kwargs=round_api(), expect=MANAGE_OBJ | {
        "committee": 201, "chair": 201}, data=lambda c: {"worker_id": c.workers["member"].pk, "ground": "年度考核不称职"}),
    Route("api:awards_decide", method="post", json=True, kwargs=round_api(), expect=MANAGE_OBJ,
          data=lambda c: {"nomination_ids": [_LATEST["nomination"]], "meeting_ref": "委员会会议",
                          "meeting_on": _today(c)}),
    Route("api:awards_publish", method="post", json=True, kwargs=round_api("decided"), expect=MANAGE_OBJ,
          data=lambda c: {"starts_on": _today(c)}),
    Route("api:awards_object", method="post", json=True, kwargs=lambda c: {"award_id": award_kw(c)["pk"]},
          expect=by_perm("awards.view", ok=201, outsider=404), data={"reason": "事迹与实际不符"}),
    Route("api:awards_answer", method="post", json=True, kwargs=lambda c: {"objection_id": _objection(c).pk},
          expect=MANAGE_OBJ, data={"answer": "经核实，符合条件", "upheld": False}),
    Route("api:awards_finalise", method="post", json=True, kwargs=round_api("published"), expect=MANAGE_OBJ),
    Route("api:awards_rewards", method="post", json=True, kwargs=round_api("final"), expect=MANAGE_OBJ,
          data=lambda c: {"on": _today(c)}),
]

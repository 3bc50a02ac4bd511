"""Every plans route × every role. ``plans.view``: committee, women's committee, auditor, group leader, chair,
admin; ``plans.manage``: committee, chair, admin. The outsider (another union's chair) gets 404 for our rows and
writes only in their own union.

Each write gets a fresh plan in a year no other row uses (``_fresh``), so every role's request meets the same state."""
import datetime as dt

from unionhome.core.testing.matrix import Route, by_perm

VIEW = by_perm("plans.view")
VIEW_OBJ = by_perm("plans.view", outsider=404)
MANAGE_OBJ = by_perm("plans.manage", outsider=404)
POST_NEW = by_perm("plans.manage", ok=302)
POST_OBJ = by_perm("plans.manage", ok=302, outsider=404)
OWN_UNION = {"outsider": False}


def _fresh(cast) -> int:
    from django.db.models import Max

    from unionhome.plans.models import Plan

    return max(Plan.objects.aggregate(y=Max("year"))["y"] or 2030, 2030) + 2


def _draft(cast, year=None):
    from unionhome.plans.tests.factories import draft

    return draft(cast, year=year or _fresh(cast))


def _adopted(cast):
    from unionhome.plans import services

    plan = _draft(cast)
    return services.plan_adopt(actor=None, plan=plan, adopted_on=dt.date(plan.year, 1, 20))


def _entry(cast):
    from unionhome.plans import services

    plan = _adopted(cast)
    review = services.review_start(actor=None, plan=plan, kind="midyear", checked_on=dt.date(plan.year, 7, 10))
    return review.entries.get()


def _meeting(cast):
    from unionhome.meetings.tests.factories import held

    return held(cast)


def draft_plan(cast):
    return {"pk": _draft(cast).pk}


def draft_item(cast):
    plan = _draft(cast)
    return {"pk": plan.pk, "item_pk": plan.items.get().pk}


def adopted_plan(cast):
    return {"pk": _adopted(cast).pk, "kind": "midyear"}


def review(cast):
    entry = _entry(cast)
    return {"pk": entry.review.plan_id, "kind": "midyear"}


def entry(cast):
    return {"pk": _entry(cast).pk}


def link(cast):
    from unionhome.plans import services

    e = _entry(cast)
    return {"pk": services.link_add(actor=None, entry=e, kind="meetings.meeting", object_id=_meeting(cast).pk).pk}


def _previous(cast):
    year = _fresh(cast)
    _draft(cast, year=year - 1)
    return {"year": year}


def _goal(cast):
    from unionhome.meetings import services
    from unionhome.plans.models import Plan

    plan = Plan.objects.filter(union=cast.union).latest("id")
    return {"goal": services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=plan.year,
                                      text="目标").pk}


def _last_entry(cast):
    from unionhome.plans.models import Entry

    return Entry.objects.filter(union=cast.union).latest("id").pk


def _api(kw: dict, **names) -> dict:
    return {names.get(k, k): v for k, v in kw.items()}


# --- probes ------------------------------------------------------------------------------------------------------
def _plans(cast, kw):
    from unionhome.plans.models import Plan

    return Plan.objects.filter(union=cast.union).count()


def _items(cast, kw):
    from unionhome.plans.models import PlanItem

    return PlanItem.objects.filter(union=cast.union).count()


def _item_title(cast, kw):
    from unionhome.plans.models import PlanItem

    return PlanItem.objects.get(pk=kw.get("item_pk") or kw.get("item_id")).title


def _goals(cast, kw):
    from unionhome.plans.models import PlanItem

    return PlanItem.objects.get(pk=kw.get("item_pk") or kw.get("item_id")).goals.count()


def _plan_status(cast, kw):
    from unionhome.plans.models import Plan

    return Plan.objects.get(pk=kw.get("pk") or kw.get("plan_id")).status


def _reviews(cast, kw):
    from unionhome.plans.models import Review

    return Review.objects.filter(plan_id=kw.get("pk") or kw.get("plan_id")).count()


def _entry_status(cast, kw):
    from unionhome.plans.models import Entry

    return Entry.objects.get(pk=kw.get("pk") or kw.get("entry_id")).status


def _links(cast, kw):
    from unionhome.plans.models import EvidenceLink

    return EvidenceLink.objects.filter(union=cast.union).count()


def _item_data(cast):
    return {"title": "新事项", "area": "culture", "owners": [cast.workers["committee"].pk], "target": "全年6场"}


def _link_data(cast):
    return {"kind": "meetings.meeting", "object_id": _meeting(cast).pk}


ROUTES = [
    Route("plans:home", expect=VIEW),
    Route("plans:create", method="post", data=lambda c: {"year": _fresh(c)}, expect=POST_NEW, probe=_plans,
          changes=OWN_UNION),
    Route("plans:copy", method="post", data=_previous, expect=POST_NEW, probe=_items, changes=OWN_UNION),
    Route("plans:adopt", method="post", kwargs=draft_plan, data={"adopted_on": "2026-01-20"}, expect=POST_OBJ,
          probe=_plan_status, note="the adoption date need not lie in the plan's year"),
    Route("plans:item_add", kwargs=draft_plan, expect=MANAGE_OBJ),
    Route("plans:item_add", method="post", kwargs=draft_plan, data=_item_data, expect=POST_OBJ, probe=_items),
    Route("plans:item_edit", kwargs=draft_item, expect=MANAGE_OBJ),
    Route("plans:item_edit", method="post", kwargs=draft_item, data=_item_data, expect=POST_OBJ, probe=_item_title),
    Route("plans:goal_link", method="post", kwargs=draft_item, data=_goal, expect=POST_OBJ, probe=_goals),
    Route("plans:review", kwargs=review, expect=VIEW_OBJ),
    Route("plans:review_start", method="post", kwargs=adopted_plan,
          data=lambda c: {"checked_on": f"{_fresh(c) - 2}-07-10"}, expect=POST_OBJ, probe=_reviews),
    Route("plans:entry", method="post", kwargs=entry,
          data=lambda c: {f"e{_last_entry(c)}-status": "done", f"e{_last_entry(c)}-comment": "已完成"},
          expect=POST_OBJ, probe=_entry_status, note="the page's entry forms are prefixed with their entry's id"),
    Route("plans:link", kwargs=entry, expect=MANAGE_OBJ),
    Route("plans:link", method="post", kwargs=entry, data=_link_data, expect=POST_OBJ, probe=_links),
    Route("plans:unlink", method="post", kwargs=link, expect=POST_OBJ, probe=_links),
    # --- API
    Route("api:plans_plan", data=lambda c: {"year": _draft(c).year}, expect=by_perm("plans.view", outsider=404)),
    Route("api:plans_create", method="post", json=True, data=lambda c: {"year": _fresh(c)},
          expect=by_perm("plans.manage", ok=201), probe=_plans, changes=OWN_UNION),
    Route("api:plans_copy", method="post", json=True, data=_previous,
          expect=by_perm("plans.manage", ok=201, outsider=422), probe=_items),
    Route("api:plans_summary", data=lambda c: {"year": _entry(c).review.plan.year}, expect=VIEW),
    Route("api:plans_item_add", method="post", json=True, kwargs=lambda c: _api(draft_plan(c), pk="plan_id"),
          data=lambda c: {"title": "新事项", "area": "culture", "owner_ids": [c.workers["committee"].pk]},
          expect=by_perm("plans.manage", ok=201, outsider=404), probe=_items),
    Route("api:plans_item_update", method="put", json=True,
          kwargs=lambda c: _api(draft_item(c), pk="plan_id", item_pk="item_id"),
          data={"title": "改过的事项", "area": "culture"}, expect=MANAGE_OBJ, probe=_item_title),
    Route("api:plans_adopt", method="post", json=True, kwargs=lambda c: _api(draft_plan(c), pk="plan_id"),
          data={"adopted_on": "2026-01-20"}, expect=MANAGE_OBJ, probe=_plan_status),
    Route("api:plans_goal_link", method="post", json=True,
          kwargs=lambda c: _api(draft_item(c), pk="plan_id", item_pk="item_id"),
          data=lambda c: {"goal_id": _goal(c)["goal"]}, expect=MANAGE_OBJ, probe=_goals),
    Route("api:plans_review", kwargs=lambda c: _api(review(c), pk="plan_id"), expect=VIEW_OBJ),
    Route("api:plans_review_start", method="post", json=True, kwargs=lambda c: _api(adopted_plan(c), pk="plan_id"),
          data=lambda c: {"checked_on": f"{_fresh(c) - 2}-07-10"},
          expect=by_perm("plans.manage", ok=201, outsider=404), probe=_reviews),
    Route("api:plans_entry", method="put", json=True, kwargs=lambda c: _api(entry(c), pk="entry_id"),
          data={"status": "done", "comment": "已完成"}, expect=MANAGE_OBJ, probe=_entry_status),
    Route("api:plans_records", kwargs=lambda c: _api(entry(c), pk="entry_id"),
          data={"record_kind": "meetings.meeting"}, expect=MANAGE_OBJ),
    Route("api:plans_link_add", method="post", json=True, kwargs=lambda c: _api(entry(c), pk="entry_id"),
          data=lambda c: {"kind": "meetings.meeting", "object_id": _meeting(c).pk},
          expect=by_perm("plans.manage", ok=201, outsider=404), probe=_links),
    Route("api:plans_link_remove", method="delete", json=True, kwargs=lambda c: _api(link(c), pk="link_id"),
          expect=MANAGE_OBJ, probe=_links),
]

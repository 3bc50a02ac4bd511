"""Every disclosures route × every role. ``disclosures.view``: every role of the union but the federation;
``disclosures.manage``: committee, chair, admin; ``disclosures.inspect``: those and the women's committee and the
auditor. Recording on an inspection is for its inspectors: the matrix's inspections name every holder of
``disclosures.inspect``, so the permission alone decides here (the inspector rule has its own tests)."""
import datetime as dt
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.testing.images import PNG
from unionhome.core.testing.matrix import Route, by_perm

DAY = dt.date(2026, 3, 1)
_n = itertools.count(1)
INSPECTORS = ("committee", "women_committee", "auditor", "chair", "admin")


def _item(cast):
    from unionhome.disclosures.services import item_create

    return item_create(actor=cast.users["chair"], union=cast.union, title=f"矩阵事项{next(_n)}", kind="duties",
                       publisher="工会委员会", place="board", content="内容", published_on=DAY)


def _inspection(cast, **kw):
    from unionhome.disclosures.services import inspection_plan

    _item(cast)
    return inspection_plan(actor=cast.users["chair"], union=cast.union, kind=kw.pop("kind", "scheduled"),
                           planned_on=DAY, inspectors=[cast.users[r] for r in INSPECTORS], **kw)


def _with_rectification(cast):
    """A finished inspection with an open rectification, and its re-inspection."""
    from unionhome.disclosures.services import finding_record, inspection_finish

    first = _inspection(cast)
    finding = finding_record(actor=cast.users["chair"], inspection=first, text="问题", demand="整改",
                             owner=cast.workers["committee"], deadline=DAY)
    first.checks.update(result="ok")
    inspection_finish(actor=cast.users["chair"], inspection=first, summary="结论")
    again = _inspection(cast, kind="reinspection", reinspection_of=first)
    return again, finding.rectification


def item_kw(cast):
    return {"pk": _item(cast).pk}


def inspection_kw(cast):
    return {"pk": _inspection(cast).pk}


def ready_kw(cast):
    """An inspection whose checklist is done: ready to be finished."""
    i = _inspection(cast)
    i.checks.update(result="ok")
    return {"pk": i.pk}


def check_kw(cast):
    return {"pk": _inspection(cast).checks.first().pk}


def close_kw(cast):
    again, r = _with_rectification(cast)
    return {"pk": again.pk, "rpk": r.pk}


def photo_kw(cast):
    from unionhome.disclosures.services import finding_record

    i = _inspection(cast)
    f = finding_record(actor=cast.users["chair"], inspection=i, text="问题", photos=[SimpleUploadedFile("a.png", PNG)])
    return {"pk": f.photos.get().pk, "inspection_id": i.pk}


def _count(model):
    def probe(cast, kw):
        from unionhome.disclosures import models

        return getattr(models, model).objects.filter(union=cast.union).count()
    return probe


def _item_field(name):
    def probe(cast, kw):
        from unionhome.disclosures.models import DisclosureItem

        return getattr(DisclosureItem.objects.get(pk=kw.get("pk") or kw["item_id"]), name)
    return probe


def _check_result(cast, kw):
    from unionhome.disclosures.models import InspectionCheck

    return InspectionCheck.objects.get(pk=kw.get("pk") or kw["check_id"]).result


def _inspection_status(cast, kw):
    from unionhome.disclosures.models import Inspection

    return Inspection.objects.get(pk=kw.get("pk") or kw["inspection_id"]).status


def _rect_status(cast, kw):
    from unionhome.disclosures.models import Rectification

    return Rectification.objects.get(pk=kw.get("rpk") or kw["rectification_id"]).status


def _api_check(cast):
    i = _inspection(cast)
    return {"inspection_id": i.pk, "check_id": i.checks.first().pk}


_closing = {}


def _api_close(cast):
    again, r = _with_rectification(cast)
    _closing[r.pk] = again.pk
    return {"rectification_id": r.pk}


VIEW = by_perm("disclosures.view")
VIEW_OBJ = by_perm("disclosures.view", outsider=404)
MANAGE = by_perm("disclosures.manage")
MANAGE_OBJ = by_perm("disclosures.manage", outsider=404)
MANAGE_POST = by_perm("disclosures.manage", ok=302, outsider=404)
INSPECT = by_perm("disclosures.inspect")
INSPECT_OBJ = by_perm("disclosures.inspect", outsider=404)
INSPECT_POST = by_perm("disclosures.inspect", ok=302, outsider=404)
ITEM = {"title": "矩阵事项", "kind": "duties", "publisher": "工会委员会", "place": "board", "content": "内容"}

ROUTES = [
    Route("disclosures:list", expect=VIEW),
    Route("disclosures:item_new", expect=MANAGE),
    # the outsider publishes in their own union: nothing changes in ours
    Route("disclosures:item_new", method="post", data=ITEM, expect=by_perm("disclosures.manage", ok=302),
          probe=_count("DisclosureItem"), changes={"outsider": False}),
    Route("disclosures:item", kwargs=item_kw, expect=VIEW_OBJ),
    Route("disclosures:item_revise", kwargs=item_kw, method="post",
          data={"content": "新版", "note": "修订", "place": "both"}, expect=MANAGE_POST, probe=_item_field("version")),
    Route("disclosures:item_review", kwargs=item_kw, method="post", expect=MANAGE_POST,
          probe=_item_field("review_on")),
    Route("disclosures:inspections", expect=INSPECT),
    Route("disclosures:inspection_new", expect=MANAGE),
    # the outsider names our auditor as inspector: not one of theirs, the form comes back
    Route("disclosures:inspection_new", method="post", expect=by_perm("disclosures.manage", ok=302, outsider=200),
          data=lambda c: {"kind": "surprise", "planned_on": "2026-03-05", "inspectors": [c.users["auditor"].pk]},
          probe=_count("Inspection"), changes={"outsider": False}),
    Route("disclosures:inspection", kwargs=inspection_kw, expect=INSPECT_OBJ),
    Route("disclosures:check", kwargs=check_kw, method="post", data={"result": "ok"}, expect=INSPECT_POST,
          probe=_check_result),
    Route("disclosures:finding_add", kwargs=inspection_kw, method="post", expect=INSPECT_POST,
          data=lambda c: {"text": "问题", "photos": [SimpleUploadedFile("a.png", PNG)]}, probe=_count("Finding")),
    Route("disclosures:inspection_finish", kwargs=ready_kw, method="post", data={"summary": "结论"},
          expect=INSPECT_POST, probe=_inspection_status),
    Route("disclosures:rectification_close", kwargs=close_kw, method="post", data={"note": "已整改"},
          expect=INSPECT_POST, probe=_rect_status),
    Route("disclosures:photo", kwargs=lambda c: {"pk": photo_kw(c)["pk"]}, expect=INSPECT_OBJ),
    # API
    Route("api:disclosures_items", expect=VIEW),
    Route("api:disclosures_item_create", method="post", json=True, data=ITEM,
          expect=by_perm("disclosures.manage", ok=201), probe=_count("DisclosureItem"), changes={"outsider": False}),
    Route("api:disclosures_item", kwargs=lambda c: {"item_id": _item(c).pk}, expect=VIEW_OBJ),
    Route("api:disclosures_item_revise", kwargs=lambda c: {"item_id": _item(c).pk}, method="post", json=True,
          data={"content": "新版", "note": "修订"}, expect=MANAGE_OBJ, probe=_item_field("version")),
    Route("api:disclosures_item_review", kwargs=lambda c: {"item_id": _item(c).pk}, method="post", json=True,
          expect=MANAGE_OBJ, probe=_item_field("review_on")),
    Route("api:disclosures_inspections", expect=INSPECT),
    Route("api:disclosures_inspection_plan", method="post", json=True,
          expect=by_perm("disclosures.manage", ok=201, outsider=422),
          data=lambda c: {"kind": "surprise", "planned_on": "2026-03-05", "inspector_ids": [c.users["auditor"].pk]},
          probe=_count("Inspection"), changes={"outsider": False}),
    Route("api:disclosures_inspection", kwargs=lambda c: {"inspection_id": _inspection(c).pk}, expect=INSPECT_OBJ),
    Route("api:disclosures_check", kwargs=_api_check, method="post", json=True, data={"result": "problem"},
          expect=INSPECT_OBJ, probe=_check_result),
    Route("api:disclosures_finding_add", kwargs=lambda c: {"inspection_id": _inspection(c).pk}, method="post",
          data=lambda c: {"text": "问题", "photos": [SimpleUploadedFile("a.png", PNG)]},
          expect=by_perm("disclosures.inspect", ok=201, outsider=404), probe=_count("Finding")),
    Route("api:disclosures_photo", kwargs=lambda c: {"inspection_id": (kw := photo_kw(c))["inspection_id"],
                                                     "photo_id": kw["pk"]}, expect=INSPECT_OBJ),
    Route("api:disclosures_finish", kwargs=lambda c: {"inspection_id": ready_kw(c)["pk"]}, method="post", json=True,
          data={"summary": "结论"}, expect=INSPECT_OBJ, probe=_inspection_status),
    Route("api:disclosures_rectification_close", kwargs=_api_close, method="post", json=True,
          data=lambda c: {"inspection_id": _closing[max(_closing)], "note": "已整改"},
          expect=by_perm("disclosures.inspect", outsider=404), probe=_rect_status),
]

"""Every meetings route × every role. ``meetings.view``: committee, women's committee, auditor, group leader,
chair, admin; ``meetings.manage``: committee, chair, admin. ``regulations.view``: every role of the union;
``regulations.manage``: chair, admin. The outsider (another union's chair) gets 404 for our rows."""
import datetime as dt

from unionhome.core.testing.matrix import Route, by_perm

VIEW = by_perm("meetings.view")
VIEW_OBJ = by_perm("meetings.view", outsider=404)
MANAGE = by_perm("meetings.manage")
MANAGE_OBJ = by_perm("meetings.manage", outsider=404)
POST_OBJ = by_perm("meetings.manage", ok=302, outsider=404)
POST_NEW = by_perm("meetings.manage", ok=302)
REG_VIEW = by_perm("regulations.view")
REG_VIEW_OBJ = by_perm("regulations.view", outsider=404)
REG_MANAGE = by_perm("regulations.manage")
REG_MANAGE_OBJ = by_perm("regulations.manage", outsider=404)
REG_POST_NEW = by_perm("regulations.manage", ok=302)
REG_POST_OBJ = by_perm("regulations.manage", ok=302, outsider=404)
# The goals page: readers of meetings see it; posting a goal needs regulations.manage.
GOAL_POST = by_perm("regulations.manage", ok=302)
OWN_UNION = {"outsider": False}  # the outsider's write goes to their own union (or is refused there): ours is unchanged


def _planned(cast):
    from unionhome.meetings.tests.factories import item, meeting

    m = meeting(cast)
    item(cast, m)
    return m


def _held(cast):
    from unionhome.meetings.tests.factories import held, item

    m = held(cast)
    item(cast, m)
    return m


def planned(cast):
    return {"pk": _planned(cast).pk}


def with_attendee(cast):
    m = _planned(cast)
    return {"pk": m.pk, "attendee_pk": m.attendees.order_by("id").first().pk}


def with_item(cast):
    m = _held(cast)
    return {"pk": m.pk, "item_pk": m.items.first().pk}


def held_meeting(cast):
    return {"pk": _held(cast).pk}


def closed(cast):
    from unionhome.meetings import services

    m = _held(cast)
    services.meeting_close(actor=None, meeting=m)
    return {"pk": m.pk}


def with_scan(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.meetings import services
    from unionhome.meetings.models import Meeting

    kw = closed(cast)
    services.scan_attach(actor=None, meeting=Meeting.objects.get(pk=kw["pk"]),
                         upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%x\n"))
    return kw


def open_decision(cast):
    from unionhome.meetings.tests.factories import adopted

    return {"decision_pk": adopted(cast).pk}


def regulation(cast):
    from unionhome.meetings import services
    from unionhome.meetings.models import Regulation

    n = Regulation.objects.filter(union=cast.union).count()
    r = services.regulation_create(actor=None, union=cast.union, kind="room", title=f"活动室管理制度{n}",
                                   text="一、开放时间。", effective_on=dt.date(2025, 1, 1))
    return {"pk": r.pk}


def goal(cast):
    from unionhome.meetings import services
    from unionhome.meetings.tests.factories import union_term

    union_term(cast)
    g = services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=2026, text="目标")
    return {"goal_pk": g.pk}


def _api(kw: dict, **names) -> dict:
    return {names.get(k, k): v for k, v in kw.items()}


# --- probes ------------------------------------------------------------------------------------------------------
def _meetings(cast, kw):
    from unionhome.meetings.models import Meeting

    return Meeting.objects.filter(union=cast.union).count()


def _items(cast, kw):
    from unionhome.meetings.models import AgendaItem

    return AgendaItem.objects.filter(meeting_id=kw.get("pk") or kw.get("meeting_id")).count()


def _notes(cast, kw):
    from unionhome.meetings.models import AgendaItem

    return AgendaItem.objects.get(pk=kw.get("item_pk") or kw.get("item_id")).notes


def _attendees(cast, kw):
    from unionhome.meetings.models import Attendee

    return Attendee.objects.filter(meeting_id=kw.get("pk") or kw.get("meeting_id")).count()


def _attendance(cast, kw):
    from unionhome.meetings.models import Attendee

    return Attendee.objects.get(pk=kw.get("attendee_pk") or kw.get("attendee_id")).status


def _decisions(cast, kw):
    from unionhome.meetings.models import Decision

    return Decision.objects.filter(item__meeting_id=kw.get("pk") or kw.get("meeting_id")).count()


def _status(cast, kw):
    from unionhome.meetings.models import Meeting

    return Meeting.objects.get(pk=kw.get("pk") or kw.get("meeting_id")).status


def _scan(cast, kw):
    from unionhome.meetings.models import Meeting

    return Meeting.objects.get(pk=kw.get("pk") or kw.get("meeting_id")).scan.name


def _decision_status(cast, kw):
    from unionhome.meetings.models import Decision

    return Decision.objects.get(pk=kw.get("decision_pk") or kw.get("decision_id")).status


def _regulations(cast, kw):
    from unionhome.meetings.models import Regulation

    return Regulation.objects.filter(union=cast.union).count()


def _versions(cast, kw):
    from unionhome.meetings.models import RegulationVersion

    return RegulationVersion.objects.filter(regulation_id=kw.get("pk") or kw.get("regulation_id")).count()


def _goals(cast, kw):
    from unionhome.meetings.models import Goal

    return Goal.objects.filter(union=cast.union).count()


def _goal_status(cast, kw):
    from unionhome.meetings.models import Goal

    return Goal.objects.get(pk=kw.get("goal_pk") or kw.get("goal_id")).status


def _pdf(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"scan": SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%signed\n", content_type="application/pdf")}


def _decision_data(cast, prefix=""):
    return {f"{prefix}text": "通过", f"{prefix}outcome": "adopted", f"{prefix}owner": cast.workers["committee"].pk,
            f"{prefix}due_on": "2026-06-30"}


def _meeting_data(cast):
    from unionhome.meetings.tests.factories import union_term

    union_term(cast)
    return {"kind": "special", "title": "专题会议", "held_on": "2026-03-20"}


ROUTES = [
    Route("meetings:list", expect=VIEW),
    Route("meetings:create", expect=MANAGE),
    Route("meetings:create", method="post", data=_meeting_data, expect=POST_NEW, probe=_meetings,
          changes=OWN_UNION),
    Route("meetings:decisions", expect=VIEW),
    Route("meetings:detail", kwargs=planned, expect=VIEW_OBJ),
    Route("meetings:item_add", method="post", kwargs=planned, data={"title": "议题", "kind": "item"},
          expect=POST_OBJ, probe=_items),
    Route("meetings:item_notes", method="post", kwargs=with_item, data={"notes": "讨论了"}, expect=POST_OBJ,
          probe=_notes),
    Route("meetings:attendee_add", method="post", kwargs=planned,
          data=lambda c: {"worker": c.workers["member"].pk}, expect=POST_OBJ, probe=_attendees),
    Route("meetings:attendance_mark", method="post", kwargs=with_attendee, data={"status": "present"},
          expect=POST_OBJ, probe=_attendance),
    Route("meetings:attendance_rest", method="post", kwargs=planned, expect=POST_OBJ, probe=_status),
    Route("meetings:decision_add", method="post", kwargs=with_item,
          data=lambda c: _decision_data(c, prefix=f"i{_last_item(c)}-"), expect=POST_OBJ, probe=_decisions,
          note="the page's decision forms are prefixed with their item's id"),
    Route("meetings:close", method="post", kwargs=held_meeting, data={"summary": "纪要"}, expect=POST_OBJ,
          probe=_status),
    Route("meetings:minutes", kwargs=held_meeting, expect=VIEW_OBJ),
    Route("meetings:scan_upload", method="post", kwargs=closed, data=_pdf, expect=POST_OBJ, probe=_scan),
    Route("meetings:scan", kwargs=with_scan, expect=VIEW_OBJ),
    Route("meetings:decision_done", method="post", kwargs=open_decision, data={"note": "已落实"}, expect=POST_OBJ,
          probe=_decision_status),
    Route("meetings:regulations", expect=REG_VIEW),
    Route("meetings:regulation_create", expect=REG_MANAGE),
    Route("meetings:regulation_create", method="post", probe=_regulations, expect=REG_POST_NEW, changes=OWN_UNION,
          data=lambda c: {"kind": "funds", "title": f"经费管理制度{_regulations(c, {})}", "text": "一、收支两条线。",
                          "effective_on": "2026-01-01"}),
    Route("meetings:regulation", kwargs=regulation, expect=REG_VIEW_OBJ),
    Route("meetings:version_add", kwargs=regulation, expect=REG_MANAGE_OBJ),
    Route("meetings:version_add", method="post", kwargs=regulation, probe=_versions, expect=REG_POST_OBJ,
          data={"text": "一、开放时间：周五下午。", "effective_on": "2026-01-01"}),
    Route("meetings:goals", expect=VIEW),
    Route("meetings:goals", method="post", data=lambda c: _goal_worker(c), expect=GOAL_POST, probe=_goals,
          changes=OWN_UNION),
    Route("meetings:goal_status", method="post", kwargs=goal, data={"status": "done"}, expect=REG_POST_OBJ,
          probe=_goal_status),
    # --- API
    Route("api:meetings_list", expect=VIEW),
    Route("api:meetings_create", method="post", json=True, data=_meeting_data,
          expect=by_perm("meetings.manage", ok=201, outsider=422), probe=_meetings),
    Route("api:meetings_decisions", expect=VIEW),
    Route("api:meetings_decision_done", method="post", json=True, kwargs=lambda c: _api(open_decision(c),
          decision_pk="decision_id"), data={"note": "已落实"}, expect=MANAGE_OBJ, probe=_decision_status),
    Route("api:meetings_detail", kwargs=lambda c: _api(planned(c), pk="meeting_id"), expect=VIEW_OBJ),
    Route("api:meetings_item_add", method="post", json=True, kwargs=lambda c: _api(planned(c), pk="meeting_id"),
          data={"title": "议题"}, expect=by_perm("meetings.manage", ok=201, outsider=404), probe=_items),
    Route("api:meetings_item_notes", method="put", json=True,
          kwargs=lambda c: _api(with_item(c), pk="meeting_id", item_pk="item_id"), data={"notes": "讨论了"},
          expect=MANAGE_OBJ, probe=_notes),
    Route("api:meetings_attendee_add", method="post", json=True, kwargs=lambda c: _api(planned(c), pk="meeting_id"),
          data=lambda c: {"worker_id": c.workers["member"].pk},
          expect=by_perm("meetings.manage", ok=201, outsider=404), probe=_attendees),
    Route("api:meetings_attendance", method="put", json=True,
          kwargs=lambda c: _api(with_attendee(c), pk="meeting_id", attendee_pk="attendee_id"),
          data={"status": "present"}, expect=MANAGE_OBJ, probe=_attendance),
    Route("api:meetings_attendance_rest", method="post", json=True, kwargs=lambda c: _api(planned(c), pk="meeting_id"),
          data={"status": "present"}, expect=MANAGE_OBJ, probe=_status),
    Route("api:meetings_decision_add", method="post", json=True,
          kwargs=lambda c: _api(with_item(c), pk="meeting_id", item_pk="item_id"),
          data=lambda c: {"text": "通过", "outcome": "adopted", "owner_id": c.workers["committee"].pk,
                          "due_on": "2026-06-30"},
          expect=by_perm("meetings.manage", ok=201, outsider=404), probe=_decisions),
    Route("api:meetings_close", method="post", json=True, kwargs=lambda c: _api(held_meeting(c), pk="meeting_id"),
          data={}, expect=MANAGE_OBJ, probe=_status),
    Route("api:meetings_minutes", kwargs=lambda c: _api(held_meeting(c), pk="meeting_id"), expect=VIEW_OBJ),
    Route("api:meetings_scan_upload", method="post", kwargs=lambda c: _api(closed(c), pk="meeting_id"), data=_pdf,
          expect=MANAGE_OBJ, probe=_scan),
    Route("api:meetings_scan", kwargs=lambda c: _api(with_scan(c), pk="meeting_id"), expect=VIEW_OBJ),
    Route("api:meetings_regulations", expect=REG_VIEW),
    Route("api:meetings_regulation_create", method="post", json=True, probe=_regulations, changes=OWN_UNION,
          expect=by_perm("regulations.manage", ok=201),
          data=lambda c: {"kind": "funds", "title": f"经费管理制度{_regulations(c, {})}", "text": "一、收支两条线。",
                          "effective_on": "2026-01-01"}),
    Route("api:meetings_regulation", kwargs=lambda c: _api(regulation(c), pk="regulation_id"), expect=REG_VIEW_OBJ),
    Route("api:meetings_version_add", method="post", json=True, probe=_versions,
          kwargs=lambda c: _api(regulation(c), pk="regulation_id"),
          data={"text": "一、开放时间：周五下午。", "effective_on": "2026-01-01"},
          expect=by_perm("regulations.manage", ok=201, outsider=404)),
    Route("api:meetings_version_diff", kwargs=lambda c: _api(_two_versions(c), pk="regulation_id"),
          data={"a": 1, "b": 2}, expect=REG_VIEW_OBJ),
    Route("api:meetings_goals", expect=VIEW),
    Route("api:meetings_goal_set", method="post", json=True, data=lambda c: {**_goal_worker(c), "year": 2026},
          expect=by_perm("regulations.manage", ok=201, outsider=404), probe=_goals),
    Route("api:meetings_goal_status", method="put", json=True, kwargs=lambda c: _api(goal(c), goal_pk="goal_id"),
          data={"status": "done"}, expect=REG_MANAGE_OBJ, probe=_goal_status),
]


def _goal_worker(cast):
    from unionhome.meetings.tests.factories import union_term

    union_term(cast)
    return {"worker": cast.workers["committee"].pk, "worker_id": cast.workers["committee"].pk, "text": "目标"}


def _two_versions(cast):
    from unionhome.meetings import services
    from unionhome.meetings.models import Regulation

    kw = regulation(cast)
    services.regulation_version_add(actor=None, regulation=Regulation.objects.get(pk=kw["pk"]), text="二、新条文。",
                                    effective_on=dt.date(2026, 1, 1))
    return kw


def _last_item(cast) -> int:
    """The agenda item ``kwargs`` has just made (kwargs run before data)."""
    from unionhome.meetings.models import AgendaItem

    return AgendaItem.objects.filter(union=cast.union).latest("id").pk

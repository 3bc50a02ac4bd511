import datetime as dt
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.core.testing import images
from unionhome.core.testing.matrix import Route, by_perm

_n = itertools.count(1)
_borrowers = itertools.cycle(["member", "group_leader", "committee", "women_committee", "auditor", "finance",
                             "hardship_officer", "chair", "admin", "group1_worker", "group2_worker"])
PNG = images.PNG  # a real picture: uploads are re-encoded


def _activity(cast):
    from unionhome.activities.tests.helpers import make_activity

    return make_activity(cast, title="矩阵测试活动")


def activity(cast):
    return {"pk": _activity(cast).pk}


def activity_api(cast):
    return {"activity_id": _activity(cast).pk}


def _signup(cast):
    from unionhome.activities.services import signup_create

    return signup_create(actor=None, activity=_activity(cast), worker=cast.workers["group1_worker"])


def signup(cast):
    return {"pk": _signup(cast).pk}


def signup_api(cast):
    return {"signup_id": _signup(cast).pk}


def invitation(cast):
    from unionhome.activities.services import invitation_create

    return {"pk": invitation_create(actor=None, activity=_activity(cast), worker=cast.workers["group1_worker"]).pk}


def photo(cast):
    from unionhome.activities.services import photo_add

    upload = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    return {"pk": photo_add(actor=None, activity=_activity(cast), upload=upload).pk}


def _asset(cast, code=None):
    from unionhome.activities.services_room import asset_create

    return asset_create(actor=None, union=cast.union, name="象棋", code=code or f"M-{next(_n)}",
                        category="chess")


def _loan(cast):
    from unionhome.activities.services_room import loan_create

    return loan_create(actor=None, asset=_asset(cast), worker=cast.workers[next(_borrowers)])


def _room(cast):
    from unionhome.activities.services_room import room_create

    return room_create(actor=None, union=cast.union, name=f"职工活动室{next(_n)}")


def _slot(hour):
    day = timezone.localdate() + dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def booking(cast):
    from unionhome.activities.services_room import booking_create

    return {"pk": booking_create(actor=None, room=_room(cast), starts_at=_slot(14), ends_at=_slot(16),
                                 purpose="周五活动").pk}


def booking_json(cast):
    return {"room_id": _room(cast).pk, "starts_at": _slot(9).isoformat(), "ends_at": _slot(10).isoformat(),
            "purpose": "读书会"}


def loan_json(cast):  # a borrower in turn: a member may hold only a few items at once
    return {"asset_id": _asset(cast).pk, "worker_id": cast.workers[next(_borrowers)].pk}


# --- probes: what each write changes (read before and after every role's request) -----------------------------
def _signups(cast, kw):
    from unionhome.activities.models import Signup

    return Signup.objects.filter(activity_id=kw["pk"]).exclude(status="cancelled").count()


def _status(cast, kw):
    from unionhome.activities.models import Activity

    return Activity.objects.get(pk=kw["pk"]).status


def _costs(cast, kw):
    from unionhome.activities.models import ActivityCost

    return ActivityCost.objects.filter(activity_id=kw["pk"]).count()


def _photos(cast, kw):
    from unionhome.activities.models import ActivityPhoto

    return ActivityPhoto.objects.filter(activity_id=kw["pk"]).count()


def _signup_status(cast, kw):
    from unionhome.activities.models import Signup

    return Signup.objects.get(pk=kw["pk"]).status


def _rooms(cast, kw):
    from unionhome.activities.models import Room

    return Room.objects.count()  # the outsider adds one in their own union


def _room_kw(cast):
    return {"pk": _room(cast).pk}


def _closed_room_kw(cast):
    from unionhome.activities.services_room import room_set_closed

    return {"pk": room_set_closed(actor=None, room=_room(cast), closed=True).pk}


def _room_name(cast, kw):
    from unionhome.activities.models import Room

    return Room.objects.get(pk=kw.get("pk") or kw["room_id"]).name


def _room_closed(cast, kw):
    from unionhome.activities.models import Room

    return Room.objects.get(pk=kw.get("pk") or kw["room_id"]).closed


def _as_api(kw_of):
    return lambda cast: {"room_id": kw_of(cast)["pk"]}


def _assets(cast, kw):
    from unionhome.activities.models import Asset

    return Asset.objects.count()  # the outsider registers one in their own union


def _loans(cast, kw):
    from unionhome.activities.models import Loan

    return Loan.objects.count()


def _returned(cast, kw):
    from unionhome.activities.models import Loan

    return Loan.objects.get(pk=kw["pk"]).returned_on


def _booking_status(cast, kw):
    from unionhome.activities.models import Booking

    return Booking.objects.get(pk=kw["pk"]).status


VIEW = by_perm("activities.view")
VIEW_OBJ = by_perm("activities.view", outsider=404)
VIEW_POST = by_perm("activities.view", ok=302, outsider=404)
MANAGE_OBJ = by_perm("activities.manage", outsider=404)
MANAGE_POST = by_perm("activities.manage", ok=302, outsider=404)
NOT_MINE = by_perm("activities.view", ok=404)  # someone else's sign-up / invitation: 404 for all who may look
ROOM_POST = by_perm("room.manage", ok=302)  # the outsider posts into their own union (form invalid there)

ROUTES = [
    Route("activities:list", expect=VIEW),
    Route("activities:mine", expect=VIEW),
    Route("activities:new", expect=by_perm("activities.manage")),
    # form pages posted empty: the holders get the form back with its errors, nothing written
    Route("activities:new", method="post", data={}, expect=by_perm("activities.manage")),
    Route("activities:stats", expect=by_perm("activities.stats")),
    Route("activities:stats_export", expect=by_perm("activities.stats")),
    Route("activities:detail", kwargs=activity, expect=VIEW_OBJ),
    # the federation officer holds activities.view but is nobody's worker: told so, nothing signed up
    Route("activities:signup", kwargs=activity, method="post", data=lambda c: {"form_token": f"matrix-{next(_n)}"},
          expect=VIEW_POST,
          probe=_signups, changes={"federation": False}),
    Route("activities:edit", kwargs=activity, expect=MANAGE_OBJ),
    Route("activities:edit", method="post", kwargs=activity, data={}, expect=MANAGE_OBJ),
    Route("activities:roster", kwargs=activity, expect=MANAGE_OBJ),
    Route("activities:roster_export", kwargs=activity, expect=MANAGE_OBJ),
    Route("activities:activity_cancel", kwargs=activity, method="post", expect=MANAGE_POST, probe=_status),
    Route("activities:group_signups", kwargs=activity, expect=by_perm("activities.group_signups")),
    Route("activities:add_person", kwargs=activity, method="post",
          data=lambda c: {"worker": c.workers["group1_worker"].pk}, expect=MANAGE_POST, probe=_signups),
    Route("activities:checkin", kwargs=activity, expect=by_perm("activities.checkin", outsider=404)),
    Route("activities:checkin", method="post", kwargs=activity, data={},
          expect=by_perm("activities.checkin", outsider=404)),
    Route("activities:cost_add", kwargs=activity, method="post", data=lambda c: {"on": timezone.localdate().isoformat(), "amount": "10", "subcategory": "culture_sports"},
          expect=MANAGE_POST, probe=_costs),
    Route("activities:photo_upload", kwargs=activity, method="post", expect=MANAGE_POST, probe=_photos,
          data=lambda c: {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png")}),
    Route("activities:cancel", kwargs=signup, method="post", probe=_signup_status,
          expect=by_perm("activities.manage", ok=302, denied=404, federation=403, outsider=404)),
    Route("activities:qr", kwargs=signup, expect=NOT_MINE),
    Route("activities:invitation", kwargs=invitation, method="post", data={"answer": "accept"}, expect=NOT_MINE),
    Route("activities:photo", kwargs=photo, expect=VIEW_OBJ),
    Route("activities:room", expect=by_perm("room.view")),
    Route("activities:asset_new", method="post", data=lambda c: {"name": "乒乓球拍", "code": f"P-{next(_n)}",
                                                                 "category": "sport"}, expect=ROOM_POST, probe=_assets),
    Route("activities:loan_new", method="post", expect=ROOM_POST, probe=_loans, changes={"outsider": False},
          data=lambda c: {"asset": _asset(c).pk, "worker": c.workers[next(_borrowers)].pk}),
    Route("activities:loan_return", kwargs=lambda c: {"pk": _loan(c).pk}, method="post", probe=_returned,
          expect=by_perm("room.manage", ok=302, outsider=404)),
    Route("activities:room_new", method="post", data=lambda c: {"name": f"会议室{next(_n)}", "capacity": "20"},
          expect=ROOM_POST, probe=_rooms),
    Route("activities:room_edit", kwargs=_room_kw, expect=by_perm("room.manage", outsider=404)),
    Route("activities:room_edit", method="post", kwargs=_room_kw, data=lambda c: {"name": f"改名室{next(_n)}"},
          expect=by_perm("room.manage", ok=302, outsider=404), probe=_room_name),
    Route("activities:room_close", method="post", kwargs=_room_kw, probe=_room_closed,
          expect=by_perm("room.manage", ok=302, outsider=404)),
    Route("activities:room_reopen", method="post", kwargs=_closed_room_kw, probe=_room_closed,
          expect=by_perm("room.manage", ok=302, outsider=404)),
    Route("activities:calendar", expect=by_perm("room.view")),
    # booking from the calendar needs room.manage (viewing it, room.view)
    Route("activities:calendar", method="post", data={}, expect=by_perm("room.manage")),
    Route("activities:booking_cancel", kwargs=booking, method="post", probe=_booking_status,
          expect=by_perm("room.manage", ok=302, outsider=404)),
    # API
    Route("api:activities_list", expect=VIEW),
    Route("api:activities_detail", kwargs=activity_api, expect=VIEW_OBJ),
    Route("api:activities_signup", kwargs=activity_api, method="post", json=True,
          expect=by_perm("activities.view", ok=201, outsider=404)),
    Route("api:activities_signup_cancel", kwargs=signup_api, method="post", json=True,
          expect=by_perm("activities.manage", denied=404, federation=403, outsider=404)),
    Route("api:activities_signups", kwargs=activity_api, expect={**MANAGE_OBJ, "group_leader": 200}),
    Route("api:activities_checkin", method="post", json=True,
          kwargs=lambda c: {"activity_id": _signup(c).activity_id},
          data={"code": "NOPE1234"},
          expect=by_perm("activities.checkin", ok=422, outsider=404)),
    Route("api:activities_my_signups", expect=VIEW),
    Route("api:activities_stats", expect=by_perm("activities.stats")),
    Route("api:room_assets", expect=by_perm("room.view")),
    Route("api:room_overdue", expect=by_perm("room.manage")),
    Route("api:room_loan_create", method="post", json=True,
          data=loan_json,
          expect=by_perm("room.manage", ok=201, outsider=404)),
    Route("api:room_loan_return", kwargs=lambda c: {"loan_id": _loan(c).pk}, method="post", json=True,
          expect=by_perm("room.manage", outsider=404)),
    Route("api:room_bookings", expect=by_perm("room.view")),
    Route("api:room_booking_create", method="post", json=True, data=booking_json,
          expect=by_perm("room.manage", ok=201, outsider=404)),
]


# --- the officers' pages through the API (issue 13) ---------------------------------------------------------------
def activity_json(cast):
    start = timezone.now() + dt.timedelta(days=10)
    return {"kind": "sport", "title": "羽毛球赛", "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=2)).isoformat(), "eligibility": "everyone"}


def _on_activity(probe):  # the API names the activity ``activity_id``
    return lambda cast, kw: probe(cast, {"pk": kw["activity_id"]})


def _count(model):
    def probe(cast, kw):
        from django.apps import apps

        return apps.get_model("activities", model).objects.count()
    return probe


def invitation_api(cast):
    return {"invitation_id": invitation(cast)["pk"]}


def photo_upload_data(cast):
    return {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png"), "caption": "合影"}


MANAGE_API = by_perm("activities.manage", outsider=404)
ROUTES += [
    Route("api:activities_create", method="post", json=True, data=activity_json,
          expect=by_perm("activities.manage", ok=201), probe=_count("Activity")),
    Route("api:activities_detail", method="patch", json=True, kwargs=activity_api, data={"place": "体育馆"},
          expect=MANAGE_API),
    Route("api:activities_cancel", method="post", json=True, kwargs=activity_api,
          expect=by_perm("activities.manage", outsider=404), probe=_on_activity(_status)),
    Route("api:activities_signups", method="post", json=True, kwargs=activity_api,
          data=lambda c: {"worker_id": c.workers["group1_worker"].pk},
          expect=by_perm("activities.manage", ok=201, outsider=404), probe=_on_activity(_signups)),
    Route("api:activities_invitations", method="post", json=True, kwargs=activity_api,
          data=lambda c: {"worker_id": c.workers["group1_worker"].pk},
          expect=by_perm("activities.manage", ok=201, outsider=404), probe=_count("Invitation")),
    # someone else's invitation: not found for everyone who may look (the invited member answers it)
    Route("api:activities_invitation_answer", method="post", json=True, kwargs=invitation_api,
          data={"accept": True}, expect=NOT_MINE),
    Route("api:activities_costs", method="post", json=True, kwargs=activity_api,
          data=lambda c: {"on": timezone.localdate().isoformat(), "amount": "10"},
          expect=by_perm("activities.manage", ok=201, outsider=404), probe=_on_activity(_costs)),
    Route("api:activities_photos", method="post", kwargs=activity_api, data=photo_upload_data,
          expect=by_perm("activities.manage", ok=201, outsider=404), probe=_on_activity(_photos)),
    Route("api:room_assets", method="post", json=True, data=lambda c: {"name": "乒乓球拍", "code": f"P-{next(_n)}", "category": "sport"},
          expect=by_perm("room.manage", ok=201), probe=_assets),
    Route("api:room_rooms", expect=by_perm("room.view")),
    Route("api:room_rooms", method="post", json=True, data=lambda c: {"name": f"会议室{next(_n)}"},
          expect=by_perm("room.manage", ok=201),
          probe=_rooms),
    Route("api:room_room", method="put", json=True, kwargs=_as_api(_room_kw),
          data=lambda c: {"name": f"改名室{next(_n)}", "capacity": 12}, probe=_room_name,
          expect=by_perm("room.manage", outsider=404)),
    Route("api:room_close", method="post", json=True, kwargs=_as_api(_room_kw), probe=_room_closed,
          expect=by_perm("room.manage", outsider=404)),
    Route("api:room_reopen", method="post", json=True, kwargs=_as_api(_closed_room_kw), probe=_room_closed,
          expect=by_perm("room.manage", outsider=404)),
    Route("api:room_booking_cancel", method="post", json=True, kwargs=lambda c: {"booking_id": booking(c)["pk"]},
          expect=by_perm("room.manage", outsider=404),
          probe=lambda cast, kw: _booking_status(cast, {"pk": kw["booking_id"]})),
]

"""Every care route × every role (the permission matrix reads ROUTES)."""
import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.testing import images
from unionhome.core.testing.matrix import Route, by_perm

DAY = dt.date(2026, 4, 10)
_keys = itertools.count()


def _visit(cast, photo=False):
    from unionhome.care.services.visits import visit_record

    photos = [SimpleUploadedFile("p.png", images.PNG)] if photo else []
    visit = visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                         kind="hospital", visited_on=DAY, amount=Decimal("300"), photos=photos,
                         event_key=f"route-{next(_keys)}")
    return visit


def visit_kw(cast):
    return {"pk": _visit(cast).pk}


def photo_kw(cast):
    return {"pk": _visit(cast, photo=True).photos.get().pk}


_people = itertools.count(1)


def _new_member(cast):
    """A member of the cast union of their own (one household, one file: each role's file needs a new person)."""
    from unionhome.core import idcard
    from unionhome.members.services import worker_create

    n = next(_people)
    born = dt.date(1984, 1 + n % 12, 1 + n % 28)
    return worker_create(actor=None, union=cast.union, name=f"矩阵困难{n}", gender="F", birth_date=born,
                         id_number=idcard.make("110101", born, 600 + n, "F"), unit=cast.units[0], group=cast.groups[0],
                         join_on=dt.date(2015, 1, 1), card_number=f"CM{n:04d}")


def _file(cast):
    from unionhome.care.tests.factories import consents, open_file

    worker = _new_member(cast)
    consents(cast, worker)
    return open_file(cast, worker)


def consent_kw(cast):
    from unionhome.care.services.hardship import consent_record

    consent = consent_record(actor=None, union=cast.union, worker=cast.workers["group1_worker"], kind="general",
                             given_on=DAY, signed_by="冯二")
    return {"pk": consent.pk}


def file_kw(cast):
    return {"pk": _file(cast).pk}


def _campaign(cast):
    from unionhome.care.services.warmth import warmth_campaign_create, warmth_campaign_select

    file = _file(cast)
    campaign = warmth_campaign_create(actor=None, union=cast.union, name="春节送温暖", festival="spring_festival",
                                      year=2027, default_amount="300")
    warmth_campaign_select(actor=None, campaign=campaign)
    campaign.matrix_file = file
    return campaign


def campaign_kw(cast):
    return {"pk": _campaign(cast).pk}


def warmth_visit_kw(cast):
    campaign = _campaign(cast)  # it selects every open file: the visit to this request's own
    return {"pk": campaign.visits.get(file=campaign.matrix_file).pk}


def committee_visit_kw(cast):
    """A needy household the hardship officer sent the committee member to: only they record it (not the chair,
    who records through the campaign page)."""
    from unionhome.care.services.warmth import warmth_visit_assign

    pk = warmth_visit_kw(cast)["pk"]
    from unionhome.care.models import WarmthVisit

    warmth_visit_assign(actor=None, visit=WarmthVisit.objects.get(pk=pk), officer=cast.workers["committee"])
    return {"pk": pk}


def _visit_done(cast, kw):
    from unionhome.care.models import WarmthVisit

    return WarmthVisit.objects.get(pk=kw.get("pk") or kw["visit_id"]).done_on


def _today(cast):
    from django.utils import timezone

    return {"on": timezone.localdate().isoformat(), "gift": "米、油"}


NOT_SENT = {"women_committee": False, "hardship_officer": False, "chair": False}  # not theirs: refused, nothing done


def _health(cast):
    from unionhome.care.services import health

    campaign = health.health_campaign_create(actor=None, union=cast.union, name="妇检", clinic="县妇幼保健站")
    slots = health.health_slots_add(actor=None, campaign=campaign, day=dt.date(2026, 6, 8),
                                    times=[(dt.time(8), dt.time(10))], capacity=50)
    health.health_invite_eligible(actor=None, campaign=campaign, on=dt.date(2026, 6, 1))
    cast._care_slot = slots[0].pk
    return campaign


def health_kw(cast):
    return {"pk": _health(cast).pk}


def invite_kw(cast):
    return {"pk": _health(cast).invites.first().pk}


def attended_invite_kw(cast):
    from unionhome.care.services import health

    invite = _health(cast).invites.first()
    health.health_invite_schedule(actor=None, invite=invite, slot=invite.campaign.slots.get(),
                                  today=dt.date(2026, 6, 1))
    health.health_invite_attend(actor=None, invite=invite, on=dt.date(2026, 6, 8))
    return {"pk": invite.pk}


def _donation_drive(cast):
    from unionhome.care.services.drives import donation_drive_create, donation_record

    drive = donation_drive_create(actor=None, union=cast.union, name="金秋助学", cause="贫困学生",
                                  recipient="县教育基金会", opened_on=DAY)
    donation_record(actor=None, drive=drive, worker=cast.workers["member"], kind="money", pledged="100")
    return drive


def donation_kw(cast):
    return {"pk": _donation_drive(cast).pk}


def donation_item_kw(cast):
    return {"pk": _donation_drive(cast).donations.get().pk}


def _blood(cast):
    from unionhome.care.services.drives import blood_drive_create, blood_volunteer_add

    drive = blood_drive_create(actor=None, union=cast.union, name="无偿献血", held_on=DAY)
    blood_volunteer_add(actor=None, drive=drive, worker=cast.workers["member"])
    return drive


def blood_kw(cast):
    return {"pk": _blood(cast).pk}


def volunteer_kw(cast):
    return {"pk": _blood(cast).volunteers.get().pk}


def renamed(kw, name):
    return lambda cast: {name: kw(cast)["pk"]}


VIEW, MANAGE, HARDSHIP, HEALTH = "care.view", "care.manage", "care.hardship", "care.health"


def page(name, perm, kwargs=None):
    return Route(name, kwargs=kwargs, expect=by_perm(perm, outsider=404 if kwargs else None))


def post(name, perm, kwargs, data=None):
    return Route(name, method="post", kwargs=kwargs, data=data, expect=by_perm(perm, 302, outsider=404))


def form_post(name, perm, kwargs=None):
    """A form page's POST with an empty form: the holders get the form back with its errors (200, nothing written),
    the others are refused as on GET. (The forms' valid posts are tested in the care tests.)"""
    return Route(name, method="post", kwargs=kwargs, data={},
                 expect=by_perm(perm, outsider=404 if kwargs else None))


ROUTES = [
    form_post("care:visit_new", MANAGE), form_post("care:consent_new", HARDSHIP),
    form_post("care:hardship_new", HARDSHIP), form_post("care:hardship_review", HARDSHIP, file_kw),
    form_post("care:warmth_new", HARDSHIP), form_post("care:health_new", HEALTH),
    form_post("care:health_result", HEALTH, attended_invite_kw), form_post("care:donation_new", MANAGE),
    form_post("care:blood_new", MANAGE),
]
ROUTES += [
    page("care:home", VIEW), page("care:visit_list", VIEW), page("care:visit_new", MANAGE),
    page("care:visit_detail", VIEW, visit_kw), post("care:visit_discharge", MANAGE, visit_kw),
    page("care:visit_photo", VIEW, photo_kw), page("care:member_search", MANAGE),
    page("care:hardship_list", HARDSHIP), page("care:consent_new", HARDSHIP), page("care:hardship_new", HARDSHIP),
    post("care:consent_withdraw", HARDSHIP, consent_kw),
    page("care:hardship_detail", HARDSHIP, file_kw), page("care:hardship_review", HARDSHIP, file_kw),
    post("care:hardship_close", HARDSHIP, file_kw), post("care:hardship_publish", HARDSHIP, file_kw),
    post("care:hardship_assist", HARDSHIP, file_kw), page("care:publicity", "care.publicity"),
    page("care:warmth_list", HARDSHIP), page("care:warmth_new", HARDSHIP),
    page("care:warmth_detail", HARDSHIP, campaign_kw), post("care:warmth_select", HARDSHIP, campaign_kw),
    post("care:warmth_close", HARDSHIP, campaign_kw), post("care:warmth_assign", HARDSHIP, warmth_visit_kw),
    post("care:warmth_done", HARDSHIP, warmth_visit_kw),
    page("care:warmth_rounds", MANAGE),
    Route("care:warmth_visited", method="post", kwargs=committee_visit_kw, data=_today, probe=_visit_done,
          expect=by_perm(MANAGE, 302, outsider=404), changes=NOT_SENT),
    page("care:health_list", HEALTH), page("care:health_new", HEALTH), page("care:health_due", HEALTH),
    page("care:health_detail", HEALTH, health_kw), post("care:health_slots", HEALTH, health_kw),
    post("care:health_invite", HEALTH, health_kw), post("care:health_schedule", HEALTH, health_kw),
    post("care:health_move", HEALTH, invite_kw, data=lambda c: {"slot": c._care_slot}),
    post("care:health_attend", HEALTH, invite_kw), page("care:health_result", HEALTH, attended_invite_kw),
    page("care:donation_list", VIEW), page("care:donation_new", MANAGE),
    page("care:donation_detail", VIEW, donation_kw),
    post("care:donation_record", MANAGE, donation_kw), post("care:donation_handover", MANAGE, donation_kw),
    post("care:donation_receive", MANAGE, donation_item_kw),
    page("care:blood_list", VIEW), page("care:blood_new", MANAGE), page("care:blood_detail", VIEW, blood_kw),
    post("care:blood_volunteer", MANAGE, blood_kw), post("care:blood_outcome", MANAGE, volunteer_kw),
    # API
    Route("api:care_calendar", expect=by_perm(VIEW)),
    Route("api:care_visits", expect=by_perm(VIEW)),
    Route("api:care_visit", kwargs=renamed(visit_kw, "visit_id"), expect=by_perm(VIEW, outsider=404)),
    Route("api:care_visit_create", method="post", json=True,
          data=lambda c: {"worker_id": c.workers["member"].pk, "kind": "hospital", "visited_on": "2026-04-10",
                          "amount": "200", "gift": "水果", "event_key": f"api-{next(_keys)}"},
          expect=by_perm(MANAGE, 201, outsider=404)),
    Route("api:care_visit_photos_add", method="post", kwargs=renamed(visit_kw, "visit_id"),
          data=lambda c: {"photos": [SimpleUploadedFile("p.png", images.PNG)]},
          expect=by_perm(MANAGE, 201, outsider=404)),
    Route("api:care_visit_photos", kwargs=renamed(visit_kw, "visit_id"), expect=by_perm(VIEW, outsider=404)),
    Route("api:care_visit_photo", kwargs=lambda c: (lambda p: {"visit_id": p.visit_id, "photo_id": p.pk})(
          _visit(c, photo=True).photos.get()), expect=by_perm(VIEW, outsider=404)),
    Route("api:care_hardship_files", expect=by_perm(HARDSHIP)),
    Route("api:care_hardship_file", kwargs=renamed(file_kw, "file_id"), expect=by_perm(HARDSHIP, outsider=404)),
    Route("api:care_assistance_create", method="post", json=True, kwargs=renamed(file_kw, "file_id"),
          data={"kind": "living", "amount": "500", "given_on": "2026-04-10"},
          expect=by_perm(HARDSHIP, 201, outsider=404)),
    Route("api:care_publicity", expect=by_perm("care.publicity")),
    Route("api:care_warmth", kwargs=renamed(campaign_kw, "campaign_id"), expect=by_perm(HARDSHIP, outsider=404)),
    Route("api:care_warmth_done", method="post", json=True, kwargs=renamed(warmth_visit_kw, "visit_id"),
          data={"on": "2026-03-05"}, expect=by_perm(HARDSHIP, outsider=404)),
    Route("api:care_health", kwargs=renamed(health_kw, "campaign_id"), expect=by_perm(HEALTH, outsider=404)),
    Route("api:care_health_invites", kwargs=renamed(health_kw, "campaign_id"), expect=by_perm(HEALTH, outsider=404)),
    Route("api:care_health_schedule", method="post", json=True, kwargs=renamed(health_kw, "campaign_id"),
          expect=by_perm(HEALTH, outsider=404)),
    Route("api:care_donation", kwargs=renamed(donation_kw, "drive_id"), expect=by_perm(VIEW, outsider=404)),
    Route("api:care_blood", kwargs=renamed(blood_kw, "drive_id"), expect=by_perm(VIEW, outsider=404)),
]


# --- the pages' writes through the API (issue 13) -----------------------------------------------------------------
def consented_worker(cast):
    from unionhome.care.tests.factories import consents

    worker = cast.workers["group2_worker"]
    consents(cast, worker)
    return worker


def api_post(name, perm, kwargs=None, data=None, ok=200, probe=None, **overrides):
    return Route(name, method="post", json=True, kwargs=kwargs, data=data, probe=probe,
                 expect=by_perm(perm, ok, **({"outsider": 404} if kwargs else {}), **overrides))


def rows_of(model):
    """Probe for an API create: how many rows of ``model`` (a care model) exist."""
    def probe(cast, kw):
        from django.apps import apps

        return apps.get_model("care", model).objects.count()
    return probe


def future_slot_invite_kw(cast):
    """An invite and a slot a month from today (a slot already past cannot be booked)."""
    from django.utils import timezone

    from unionhome.care.services import health

    campaign = _health(cast)
    cast._care_future = health.health_slots_add(actor=None, campaign=campaign,
                                                day=timezone.localdate() + dt.timedelta(days=30),
                                                times=[(dt.time(8), dt.time(10))], capacity=50)[0].pk
    return {"invite_id": campaign.invites.first().pk}


def scheduled_invite_kw(cast):
    from unionhome.care.services import health

    invite = _health(cast).invites.first()
    health.health_invite_schedule(actor=None, invite=invite, slot=invite.campaign.slots.get(),
                                  today=dt.date(2026, 6, 1))
    return {"invite_id": invite.pk}


FILE_BODY = {"opened_on": "2026-03-02", "own_income": "12000", "identity": "employed", "health_status": "serious",
             "health_detail": "尿毒症透析", "cause": "illness",
             "household": [{"name": "家属1", "relation": "配偶", "birth_date": "1960-03-01"}]}
ROUTES += [
    # discharged once by the committee member; for the next the visit is already closed (still the same answer)
    api_post("api:care_visit_discharge", MANAGE, renamed(visit_kw, "visit_id"), {"on": "2026-04-12"}),
    Route("api:care_consents", kwargs=None, data=lambda c: {"worker_id": c.workers["group1_worker"].pk},
          expect=by_perm(HARDSHIP, outsider=404)),
    api_post("api:care_consents", HARDSHIP, None,
             lambda c: {"worker_id": c.workers["group1_worker"].pk, "kind": "general", "given_on": "2026-04-10",
                        "signed_by": "冯二"}, ok=201, outsider=404, probe=rows_of("Consent")),
    api_post("api:care_consent_withdraw", HARDSHIP, renamed(consent_kw, "consent_id")),
    # the hardship officer opens the file; the chair then meets 一户一档 (409)
    api_post("api:care_hardship_open", HARDSHIP, None, lambda c: {**FILE_BODY, "worker_id": consented_worker(c).pk},
             ok=201, chair=409, outsider=404, probe=rows_of("HardshipFile")),
    api_post("api:care_hardship_review", HARDSHIP, renamed(file_kw, "file_id"),
             {"on": "2027-03-01", "own_income": "12000",
              "household": [{"name": "家属1", "relation": "配偶", "birth_date": "1960-03-01"},
                            {"name": "家属2", "relation": "父母", "birth_date": "1961-03-01"}]}),
    api_post("api:care_hardship_close", HARDSHIP, renamed(file_kw, "file_id"), {"reason": "recovery",
                                                                                 "on": "2026-04-10"}),
    api_post("api:care_hardship_publish", HARDSHIP, renamed(file_kw, "file_id"), {"starts_on": "2026-04-10"},
             ok=201, probe=rows_of("Publication")),
    api_post("api:care_warmth_create", HARDSHIP, None, {"name": "春节送温暖", "festival": "spring_festival",
                                                         "year": 2027, "default_amount": "300"}, ok=201, probe=rows_of("WarmthCampaign")),
    api_post("api:care_warmth_select", HARDSHIP, renamed(campaign_kw, "campaign_id"), {}),
    api_post("api:care_warmth_assign", HARDSHIP, renamed(warmth_visit_kw, "visit_id"),
             lambda c: {"officer_id": c.workers["committee"].pk}),
    Route("api:care_warmth_rounds", expect=by_perm(MANAGE)),
    api_post("api:care_warmth_visited", MANAGE, renamed(committee_visit_kw, "visit_id"), _today, probe=_visit_done,
             women_committee=422, hardship_officer=422, chair=422),
    # households not yet visited: refused (the success is in test_api_campaigns)
    api_post("api:care_warmth_close", HARDSHIP, renamed(campaign_kw, "campaign_id"), ok=409),
    api_post("api:care_health_create", HEALTH, None, {"name": "妇检", "clinic": "县妇幼保健站"}, ok=201, probe=rows_of("HealthCheckCampaign")),
    api_post("api:care_health_slots", HEALTH, renamed(health_kw, "campaign_id"),
             {"day": "2026-06-09", "times": [{"starts_at": "08:00", "ends_at": "10:00"}], "capacity": 20}, ok=201, probe=rows_of("HealthCheckSlot")),
    api_post("api:care_health_invite", HEALTH, renamed(health_kw, "campaign_id")),
    api_post("api:care_health_invite_schedule", HEALTH, future_slot_invite_kw, lambda c: {"slot_id": c._care_future}),
    api_post("api:care_health_attend", HEALTH, scheduled_invite_kw, {"on": "2026-06-08"}),
    Route("api:care_health_result", method="put", json=True, kwargs=renamed(attended_invite_kw, "invite_id"),
          data={"result": "未见异常"}, expect=by_perm(HEALTH, outsider=404)),
    api_post("api:care_donation_create", MANAGE, None, {"name": "金秋助学", "cause": "贫困学生",
                                                         "recipient": "县教育基金会", "opened_on": "2026-04-10"}, ok=201, probe=rows_of("DonationDrive")),
    api_post("api:care_donation_record", MANAGE, renamed(donation_kw, "drive_id"),
             lambda c: {"worker_id": c.workers["committee"].pk, "kind": "money", "pledged": "50"}, ok=201, probe=rows_of("Donation")),
    api_post("api:care_donation_receive", MANAGE, renamed(donation_item_kw, "donation_id"),
             {"received": "100", "on": "2026-04-11"}),
    api_post("api:care_donation_handover", MANAGE, renamed(donation_kw, "drive_id"), {"on": "2026-04-20"}),
    api_post("api:care_blood_create", MANAGE, None, {"name": "无偿献血", "held_on": "2026-04-10"}, ok=201, probe=rows_of("BloodDrive")),
    api_post("api:care_blood_volunteer", MANAGE, renamed(blood_kw, "drive_id"),
             lambda c: {"worker_id": c.workers["committee"].pk}, ok=201, probe=rows_of("BloodVolunteer")),
    api_post("api:care_blood_outcome", MANAGE, renamed(volunteer_kw, "volunteer_id"),
             {"outcome": "donated", "volume_ml": 200}),
]

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.core.testing import images
from unionhome.core.testing.matrix import Route, by_perm

_n = itertools.count(1)
PNG = images.PNG


def _day(cast) -> dt.date:
    """A fresh past working day for each call (one session per group and day)."""
    from unionhome.core.cncalendar import is_workday

    while True:
        day = timezone.localdate() - dt.timedelta(days=3 + next(_n))
        if is_workday(day):
            return day


def _session(cast):
    from unionhome.study.services import session_create

    return session_create(actor=None, group=cast.groups[0], held_on=_day(cast), topic="学习《工会法》")


def _reflection(cast, photo=False):
    from unionhome.study.services import reflection_submit

    upload = SimpleUploadedFile("r.png", PNG, content_type="image/png") if photo else None
    return reflection_submit(actor=None, session=_session(cast), worker=cast.workers["member"], text="心得", upload=upload)


def _plan(cast):
    from unionhome.study.services import plan_create

    return plan_create(actor=None, union=cast.union, year=2030 + next(_n) % 60, group=cast.groups[0])


def _topic(cast):
    from unionhome.study.services import topic_set

    upload = SimpleUploadedFile("m.pdf", b"%PDF-1.4 material", content_type="application/pdf")
    return topic_set(actor=None, plan=_plan(cast), week=1, topic="《工会法》", upload=upload)


def _photo(cast):
    from unionhome.study.services import session_photo_add

    upload = SimpleUploadedFile("a.png", PNG, content_type="image/png")
    return session_photo_add(actor=None, session=_session(cast), upload=upload)


def _campaign(cast):
    from unionhome.study.services_campaigns import campaign_create

    today = timezone.localdate()
    return campaign_create(actor=None, union=cast.union, theme="legal", title="普法宣传月", starts_on=today,
                           ends_on=today + dt.timedelta(days=30))


def _event(cast):
    from unionhome.study.services_campaigns import event_add

    return event_add(actor=None, campaign=_campaign(cast), kind="lecture", title="讲座", held_on=timezone.localdate())


def _training(cast):
    from unionhome.study.services_campaigns import training_create

    return training_create(actor=None, union=cast.union, kind="new_officer", course="新任工会干部培训",
                           starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 4, 2), hours=Decimal("8"))


def _record(cast):
    from unionhome.study.services_campaigns import training_record_add

    cert = SimpleUploadedFile("c.pdf", b"%PDF-1.4 cert", content_type="application/pdf")
    return training_record_add(actor=None, training=_training(cast), worker=cast.workers["member"], certificate=cert)


def _quiz(cast):
    from unionhome.study.services_campaigns import quiz_create

    return quiz_create(actor=None, union=cast.union, title="《工会法》测试", deadline=timezone.now() + dt.timedelta(days=2),
                       questions=[("工会法修正于哪一年？", ["2021", "2001"], 0)])


def _series_data(cast):
    return {"group": cast.groups[0].pk, "first_on": _day(cast).isoformat(), "weeks": 1}


# --- probes ---------------------------------------------------------------------------------------

def _model(name):
    from django.apps import apps

    return apps.get_model("study", name)


def _count(name):
    return lambda cast, kw: _model(name).objects.count()


def _status(cast, kw):
    return _model("StudySession").objects.get(pk=kw.get("pk") or kw.get("session_id")).status


def _held_on(cast, kw):
    return _model("StudySession").objects.get(pk=kw.get("pk") or kw.get("session_id")).held_on


def _review(cast, kw):
    return _model("Reflection").objects.get(pk=kw.get("pk") or kw.get("reflection_id")).status


def _accepted(cast, kw):
    return _model("Reflection").objects.filter(session_id=kw.get("pk") or kw.get("session_id"),
                                               status="accepted").count()


def _attendees(cast, kw):
    return _model("CampaignEvent").objects.get(pk=kw.get("pk") or kw.get("event_id")).attendees.count()


def _sessions_of(cast, kw):
    return _model("StudySession").objects.count()


VIEW = by_perm("study.view")
VIEW_OBJ = by_perm("study.view", outsider=404)
RECORD = by_perm("study.record")
RECORD_OBJ = by_perm("study.record", outsider=404)
RECORD_POST = by_perm("study.record", ok=302, outsider=404)
MANAGE = by_perm("study.manage")
MANAGE_OBJ = by_perm("study.manage", outsider=404)
MANAGE_POST = by_perm("study.manage", ok=302, outsider=404)
# A group-0 session: officers, its leader and its members see it; the members of group 1 get 404.
GROUP0 = {**VIEW_OBJ, "women_committee": 404, "auditor": 404, "finance": 404, "hardship_officer": 404}
# The member's own file: officers who record group 0 and the member; others 404.
OWN_FILE = {**GROUP0, "chair": 200, "group_leader": 200}


def session(cast):
    return {"pk": _session(cast).pk}


def session_api(cast):
    return {"session_id": _session(cast).pk}


ROUTES = [
    Route("study:home", expect=VIEW),
    Route("study:stats", expect=by_perm("study.stats")),
    Route("study:series", method="post", data=_series_data, probe=_sessions_of,
          expect=by_perm("study.record", ok=302), changes={"outsider": False}),  # our group is not in their form
    Route("study:plans", expect=RECORD),
    Route("study:plans", method="post", probe=_count("StudyPlan"), expect=by_perm("study.record", ok=302),
          data=lambda c: {"year": 2030 + next(_n) % 60, "group": c.groups[0].pk}, changes={"outsider": False}),
    Route("study:plan", kwargs=lambda c: {"pk": _plan(c).pk}, expect=RECORD_OBJ),
    Route("study:plan", method="post", kwargs=lambda c: {"pk": _plan(c).pk}, probe=_count("PlanTopic"),
          data={"week": 2, "topic": "《中国工会章程》"}, expect=RECORD_POST),
    Route("study:topic_file", kwargs=lambda c: {"pk": _topic(c).pk}, expect=VIEW_OBJ),
    Route("study:session", kwargs=session, expect=GROUP0),
    Route("study:record", method="post", kwargs=session, data={"discussion": "讨论"}, probe=_status,
          expect=RECORD_POST),
    Route("study:move", method="post", kwargs=session, probe=_held_on,
          data=lambda c: {"to": _day(c).isoformat()}, expect=RECORD_POST),
    Route("study:photo_upload", method="post", kwargs=session, probe=_count("SessionPhoto"), expect=RECORD_POST,
          data=lambda c: {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png")}),
    # the officers of group 1 see the session but are not its members: told so, nothing written
    Route("study:reflect", method="post", kwargs=session, data={"text": "学习体会"}, probe=_count("Reflection"),
          expect={**GROUP0, "member": 302, "group_leader": 302, "chair": 302, "committee": 302, "admin": 302},
          changes={"committee": False, "admin": False}),
    Route("study:photo", kwargs=lambda c: {"pk": _photo(c).pk}, expect=GROUP0),
    Route("study:review", method="post", kwargs=lambda c: {"pk": _reflection(c).pk}, data={"decision": "accept"},
          probe=_review, expect=RECORD_POST),
    Route("study:accept_all", method="post", kwargs=lambda c: {"pk": _reflection(c).session_id}, probe=_accepted,
          expect=RECORD_POST),
    Route("study:reflection_photo", kwargs=lambda c: {"pk": _reflection(c, photo=True).pk},
          expect={**OWN_FILE, "group1_worker": 404}),
    Route("study:campaigns", expect=VIEW),
    Route("study:campaign_new", method="post", probe=_count("Campaign"), expect=by_perm("study.manage", ok=302),
          data=lambda c: {"theme": "legal", "title": "普法", "starts_on": "2026-03-01", "ends_on": "2026-03-31"}),
    Route("study:campaign", kwargs=lambda c: {"pk": _campaign(c).pk}, expect=VIEW_OBJ),
    Route("study:event_add", method="post", kwargs=lambda c: {"pk": _campaign(c).pk}, probe=_count("CampaignEvent"),
          data=lambda c: {"kind": "lecture", "title": "讲座", "held_on": timezone.localdate().isoformat()},
          expect=MANAGE_POST),
    Route("study:event_attend", method="post", kwargs=lambda c: {"pk": _event(c).pk}, probe=_attendees,
          data=lambda c: {"workers": [c.workers["member"].pk]}, expect=MANAGE_POST),
    Route("study:trainings", expect=MANAGE),
    Route("study:training_new", method="post", probe=_count("Training"), expect=by_perm("study.manage", ok=302),
          data={"kind": "new_officer", "course": "培训", "starts_on": "2026-04-01", "ends_on": "2026-04-01",
                "hours": "4"}),
    Route("study:training", kwargs=lambda c: {"pk": _training(c).pk}, expect=MANAGE_OBJ),
    Route("study:record_add", method="post", kwargs=lambda c: {"pk": _training(c).pk},
          probe=_count("TrainingRecord"), data=lambda c: {"worker": c.workers["chair"].pk}, expect=MANAGE_POST),
    Route("study:certificate", kwargs=lambda c: {"pk": _record(c).pk},
          expect=by_perm("study.manage", denied=404, federation=403, outsider=404, member=200)),
    Route("study:quiz_new", method="post", probe=_count("Quiz"), expect=by_perm("study.manage", ok=302),
          data=lambda c: {"title": "测试", "deadline": (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
                          "questions": "题目\n*对\n错"}),
    Route("study:quiz", kwargs=lambda c: {"pk": _quiz(c).pk}, expect=VIEW_OBJ),
    Route("study:quiz", method="post", kwargs=lambda c: {"pk": _quiz(c).pk}, data={"q_1": "0"},
          probe=_count("QuizAttempt"), expect=by_perm("study.view", ok=302, outsider=404)),
    # --- API ---
    Route("api:study_sessions", expect=VIEW),
    Route("api:study_session", kwargs=session_api, expect=GROUP0),
    Route("api:study_series", method="post", json=True, probe=_sessions_of,
          data=lambda c: {"group_id": c.groups[0].pk, "first_on": _day(c).isoformat(), "weeks": 1},
          expect=by_perm("study.record", ok=201, outsider=404)),
    Route("api:study_record", method="post", json=True, kwargs=session_api, probe=_status,
          data={"marks": [], "discussion": "讨论"}, expect=RECORD_OBJ),
    Route("api:study_move", method="post", json=True, kwargs=session_api, probe=_held_on,
          data=lambda c: {"to": _day(c).isoformat()}, expect=RECORD_OBJ),
    Route("api:study_photo_upload", method="post", kwargs=session_api, probe=_count("SessionPhoto"),
          data=lambda c: {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png")},
          expect=by_perm("study.record", ok=201, outsider=404)),
    Route("api:study_reflect", method="post", kwargs=session_api, data={"text": "学习体会"},
          probe=_count("Reflection"),
          expect={**GROUP0, "member": 201, "group_leader": 201, "chair": 201, "committee": 422, "admin": 422}),
    Route("api:study_reflections", expect=VIEW),
    Route("api:study_review", method="post", json=True, kwargs=lambda c: {"reflection_id": _reflection(c).pk},
          data={"accept": True}, probe=_review, expect=RECORD_OBJ),
    Route("api:study_accept_all", method="post", json=True,
          kwargs=lambda c: {"session_id": _reflection(c).session_id}, probe=_accepted, expect=RECORD_OBJ),
    Route("api:study_plans", expect=RECORD),
    Route("api:study_plan_create", method="post", json=True, probe=_count("StudyPlan"),
          data=lambda c: {"year": 2030 + next(_n) % 60, "group_id": c.groups[0].pk},
          expect=by_perm("study.record", ok=201, outsider=404)),
    Route("api:study_plan_topics", kwargs=lambda c: {"plan_id": _plan(c).pk}, expect=RECORD_OBJ),
    Route("api:study_topic_set", method="post", json=True, kwargs=lambda c: {"plan_id": _plan(c).pk},
          data={"week": 3, "topic": "《工会法》"}, probe=_count("PlanTopic"), expect=RECORD_OBJ),
    Route("api:study_stats", expect=by_perm("study.stats")),
    Route("api:study_campaigns", expect=VIEW),
    Route("api:study_campaign_create", method="post", json=True, probe=_count("Campaign"),
          data={"theme": "legal", "title": "普法", "starts_on": "2026-03-01", "ends_on": "2026-03-31"},
          expect=by_perm("study.manage", ok=201)),
    Route("api:study_campaign_events", kwargs=lambda c: {"campaign_id": _campaign(c).pk}, expect=VIEW_OBJ),
    Route("api:study_event_add", method="post", json=True, kwargs=lambda c: {"campaign_id": _campaign(c).pk},
          data=lambda c: {"kind": "contest", "title": "知识竞赛", "held_on": timezone.localdate().isoformat()},
          probe=_count("CampaignEvent"), expect=by_perm("study.manage", ok=201, outsider=404)),
    Route("api:study_event_attend", method="post", json=True, kwargs=lambda c: {"event_id": _event(c).pk},
          data=lambda c: {"worker_ids": [c.workers["member"].pk]}, probe=_attendees, expect=MANAGE_OBJ),
    Route("api:study_trainings", expect=MANAGE),
    Route("api:study_training_create", method="post", json=True, probe=_count("Training"),
          data={"kind": "audit", "course": "经审培训", "starts_on": "2026-04-01", "ends_on": "2026-04-01", "hours": "4"},
          expect=by_perm("study.manage", ok=201)),
    Route("api:study_training_records", kwargs=lambda c: {"training_id": _training(c).pk}, expect=MANAGE_OBJ),
    Route("api:study_record_add", method="post", kwargs=lambda c: {"training_id": _training(c).pk},
          data=lambda c: {"worker_id": c.workers["chair"].pk}, probe=_count("TrainingRecord"),
          expect=by_perm("study.manage", ok=201, outsider=404)),
    Route("api:study_untrained", expect=MANAGE),
    Route("api:study_quizzes", expect=VIEW),
    Route("api:study_quiz", kwargs=lambda c: {"quiz_id": _quiz(c).pk}, expect=VIEW_OBJ),
    Route("api:study_quiz_create", method="post", json=True, probe=_count("Quiz"),
          data=lambda c: {"title": "测试", "deadline": (timezone.now() + dt.timedelta(days=2)).isoformat(),
                          "questions": [{"text": "题目", "choices": ["对", "错"], "answer": 0}]},
          expect=by_perm("study.manage", ok=201)),
    Route("api:study_quiz_answer", method="post", json=True, kwargs=lambda c: {"quiz_id": _quiz(c).pk},
          data={"answers": {"1": 0}}, probe=_count("QuizAttempt"), expect=by_perm("study.view", ok=201, outsider=404)),
]

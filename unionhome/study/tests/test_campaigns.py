import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.committees.models import Committee, Position
from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.study import queries
from unionhome.study.services_campaigns import (
    campaign_create,
    event_add,
    event_attendance_add,
    quiz_answer,
    quiz_create,
    training_create,
    training_record_add,
)

pytestmark = pytest.mark.django_db
QUESTIONS = [("工会法规定，基层工会委员会每届任期为几年？", ["一年", "两年", "三年或者五年"], 2),
             ("职工加入工会需要缴纳会费吗？", ["需要", "不需要"], 0)]


def _quiz(cast, deadline=None):
    return quiz_create(actor=cast.users["chair"], union=cast.union, title="《工会法》知识测试",
                       deadline=deadline or timezone.now() + dt.timedelta(days=3), questions=QUESTIONS)


def test_a_campaign_session_must_fall_in_the_campaign_and_counts_its_people(cast):
    today = timezone.localdate()
    c = campaign_create(actor=cast.users["chair"], union=cast.union, theme="legal", title="《工会法》宣传月",
                        starts_on=today, ends_on=today + dt.timedelta(days=30), groups=[cast.groups[0]])
    with pytest.raises(RuleViolation) as exc:
        event_add(actor=None, campaign=c, kind="lecture", title="讲座", held_on=today - dt.timedelta(days=1))
    assert exc.value.code == "outside_campaign"
    e = event_add(actor=None, campaign=c, kind="lecture", title="《工会法》专题讲座", held_on=today)
    assert event_attendance_add(actor=None, event=e, workers=[cast.workers["member"], cast.workers["chair"]]) == 2
    assert event_attendance_add(actor=None, event=e, workers=[cast.workers["member"]]) == 0
    with pytest.raises(RuleViolation):
        event_attendance_add(actor=None, event=e, workers=[cast.workers["other_worker"]])
    assert e.attendees.count() == 2


def test_training_hours_cannot_exceed_the_course_and_certificates_are_checked(cast):
    t = training_create(actor=None, union=cast.union, kind="new_officer", course="新任工会干部培训班",
                        starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 4, 3), hours=Decimal("16"))
    with pytest.raises(RuleViolation) as exc:
        training_record_add(actor=None, training=t, worker=cast.workers["chair"], hours=Decimal("17"))
    assert exc.value.code == "bad_hours"
    with pytest.raises(RuleViolation) as exc:
        training_record_add(actor=None, training=t, worker=cast.workers["chair"],
                            certificate=SimpleUploadedFile("c.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"))
    assert exc.value.code == "file_not_allowed"
    r = training_record_add(actor=None, training=t, worker=cast.workers["chair"],
                            certificate=SimpleUploadedFile("c.pdf", b"%PDF-1.4 certificate", content_type="application/pdf"))
    assert r.hours == Decimal("16") and r.certificate.name.endswith(".pdf")
    with pytest.raises(Conflict):
        training_record_add(actor=None, training=t, worker=cast.workers["chair"])


def test_officers_not_trained_since_their_term_began_are_listed(cast):
    term = term_create(actor=None, union=cast.union, kind=Committee.Kind.UNION, number=1,
                       starts_on=dt.date(2026, 3, 1), years=5, seats=3)
    term_approve(actor=None, term=term, approved_on=dt.date(2026, 3, 1), approval_document="X", approved_by="县总")
    for role, title in (("chair", Position.Title.CHAIR), ("committee", Position.Title.MEMBER)):
        position_assign(actor=None, term=term, worker=cast.workers[role], title=title, started_on=dt.date(2026, 3, 1))
    before = training_create(actor=None, union=cast.union, kind="external", course="旧培训",
                             starts_on=dt.date(2025, 5, 1), ends_on=dt.date(2025, 5, 1), hours=Decimal("4"))
    training_record_add(actor=None, training=before, worker=cast.workers["committee"])
    new = training_create(actor=None, union=cast.union, kind="new_officer", course="新任工会干部培训班",
                          starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2026, 4, 3), hours=Decimal("16"))
    training_record_add(actor=None, training=new, worker=cast.workers["chair"])
    names = [p.worker.name for p in queries.officers_untrained(cast.union, today=dt.date(2026, 6, 1))]
    assert names == ["王五"]  # trained before this term: still to train


def test_the_quiz_scores_once_before_the_deadline(cast):
    quiz = _quiz(cast)
    a = quiz_answer(actor=None, quiz=quiz, worker=cast.workers["member"], answers={"1": "2", "2": "1"})
    assert (a.score, a.total) == (1, 2)
    with pytest.raises(Conflict):
        quiz_answer(actor=None, quiz=quiz, worker=cast.workers["member"], answers={})
    with pytest.raises(RuleViolation) as exc:
        quiz_answer(actor=None, quiz=quiz, worker=cast.workers["chair"], answers={}, now=quiz.deadline)
    assert exc.value.code == "quiz_closed"
    with pytest.raises(RuleViolation) as exc:
        _quiz(cast, deadline=timezone.now() - dt.timedelta(minutes=1))
    assert exc.value.code == "deadline_past"


def test_no_answer_is_shown_before_the_deadline_on_the_page_or_the_api(cast, client_for):
    quiz = _quiz(cast)
    chair = client_for(cast.users["chair"])
    for user in ("member", "chair"):
        client = client_for(cast.users[user])
        page = client.get(f"/study/quizzes/{quiz.pk}/").content.decode()
        assert "三年或者五年" in page and "正确答案" not in page
        body = client.get(f"/api/v1/study/quizzes/{quiz.pk}").json()
        assert body["answers_shown"] is False
        assert [q["answer"] for q in body["questions"]] == [None, None]
        assert all(q["answer"] is None for b in client.get("/api/v1/study/quizzes").json() for q in b["questions"])
    client = client_for(cast.users["member"])
    client.post(f"/study/quizzes/{quiz.pk}/", {"q_1": "2", "q_2": "0"})
    page = client.get(f"/study/quizzes/{quiz.pk}/").content.decode()
    assert "您已提交答卷" in page and "您的得分" not in page
    assert client.get(f"/api/v1/study/quizzes/{quiz.pk}").json()["my_score"] is None
    # once the deadline has passed, answers and scores are shown
    type(quiz).objects.filter(pk=quiz.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    body = client.get(f"/api/v1/study/quizzes/{quiz.pk}").json()
    assert [q["answer"] for q in body["questions"]] == [2, 0] and body["my_score"] == 2
    assert "正确答案" in client.get(f"/study/quizzes/{quiz.pk}/").content.decode()
    assert "张三" in chair.get(f"/study/quizzes/{quiz.pk}/").content.decode()  # the officers see the scores


def test_a_member_answers_through_the_api(cast, client_for):
    quiz = _quiz(cast)
    client = client_for(cast.users["member"])
    r = client.post(f"/api/v1/study/quizzes/{quiz.pk}/answers", {"answers": {"1": 2, "2": 0}},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    assert "score" not in r.json()
    r = client.post(f"/api/v1/study/quizzes/{quiz.pk}/answers", {"answers": {"1": 2}}, content_type="application/json")
    assert r.status_code == 409

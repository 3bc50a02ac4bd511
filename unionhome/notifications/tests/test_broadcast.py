"""通知公告: an officer's notice reaches every active member in scope through the inbox; a group leader writes only to
their own group; a large notice runs in the background with progress; bad input is refused whole."""
import pytest

from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.jobs.models import Job
from unionhome.jobs.running import job_run
from unionhome.jobs.services import job_progress
from unionhome.members.choices import MembershipStatus
from unionhome.notifications import services_broadcast
from unionhome.notifications.models import Broadcast, Notification
from unionhome.notifications.services_broadcast import broadcast_send, broadcast_start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _inboxes(broadcast):
    return set(Notification.objects.filter(event="notifications.broadcast", link__endswith=f"/{broadcast.pk}/")
               .values_list("recipient__username", flat=True))


def test_a_notice_to_the_union_reaches_every_active_member_with_a_login_and_links_to_itself(cast):
    b = broadcast_send(actor=cast.users["chair"], union=cast.union, title="年终总结会通知", body="周五下午三点")
    reached = _inboxes(b)
    assert "t_member" in reached and "t_chair" in reached and b.recipients == len(reached)
    assert AuditEntry.objects.filter(action="notifications.broadcast.sent", target_id=str(b.pk)).exists()


def test_a_member_who_left_gets_no_notice(cast):
    member = cast.workers["member"]
    member.membership.status = MembershipStatus.LEFT
    member.membership.save(update_fields=["status"])
    b = broadcast_send(actor=cast.users["chair"], union=cast.union, title="通知")
    assert "t_member" not in _inboxes(b)


def test_a_group_leader_writes_to_their_own_group_only(cast):
    leader = cast.users["group_leader"]
    own = cast.groups[0]
    b = broadcast_send(actor=leader, union=cast.union, group=own, title="本组学习通知")
    assert b.group == own
    for group in (None, cast.groups[1]):
        with pytest.raises(RuleViolation) as exc:
            broadcast_send(actor=leader, union=cast.union, group=group, title="越权")
        assert exc.value.code == "broadcast_not_allowed"


def test_a_member_cannot_send_and_a_title_is_required(cast):
    with pytest.raises(RuleViolation) as exc:
        broadcast_send(actor=cast.users["member"], union=cast.union, title="x")
    assert exc.value.code == "broadcast_not_allowed"
    with pytest.raises(RuleViolation) as exc:
        broadcast_send(actor=cast.users["chair"], union=cast.union, title="  ")
    assert exc.value.code == "title_required"
    with pytest.raises(RuleViolation) as exc:
        broadcast_send(actor=cast.users["chair"], union=cast.union, title="通知\u202e")
    assert exc.value.code == "text_invisible_characters"
    assert not Broadcast.objects.exists() and not Notification.objects.exists()


def test_a_large_notice_is_queued_and_the_job_sends_it_with_progress(cast, monkeypatch):
    monkeypatch.setattr(services_broadcast, "BACKGROUND_RECIPIENTS", 0)
    job = broadcast_start(actor=cast.users["chair"], union=cast.union, title="全体会员通知", body="正文")
    assert isinstance(job, Job) and job.status == "queued" and not Broadcast.objects.exists()
    seen = []
    monkeypatch.setattr(services_broadcast, "BATCH", 2)
    original = services_broadcast.broadcast_send

    def spying(**kw):
        kw["progress"] = (lambda inner: lambda done, total: (seen.append((done, total)), inner(done, total)))(
            kw["progress"])
        return original(**kw)

    monkeypatch.setattr("unionhome.notifications.jobs.broadcast_send", spying)
    job_run(job.pk)
    job.refresh_from_db()
    b = Broadcast.objects.get()
    assert job.status == "done" and job.next_url.endswith(f"/{b.pk}/")
    assert len(seen) > 1 and seen[-1][0] == seen[-1][1]  # batch by batch, to the end
    assert b.recipients == len(_inboxes(b)) > 0
    assert job_progress(job)["percent"] == 100


def test_the_page_sends_and_lists_and_members_read_the_notice(cast, client_for):
    chair = client_for(cast.users["chair"])
    response = chair.post("/notifications/broadcasts/", {"group": "", "title": "端午节慰问品领取", "body": "到工会办公室"})
    assert response.status_code == 302
    b = Broadcast.objects.get()
    assert "端午节慰问品领取" in chair.get("/notifications/broadcasts/").content.decode()
    bad = chair.post("/notifications/broadcasts/", {"group": "", "title": ""})
    assert bad.status_code == 302 and Broadcast.objects.count() == 1
    member = client_for(cast.users["member"])
    assert "端午节慰问品领取" in member.get("/notifications/").content.decode()
    assert "到工会办公室" in member.get(f"/notifications/broadcasts/{b.pk}/").content.decode()


def test_the_api_sends_at_once_or_answers_202_with_the_job(cast, client_for, monkeypatch):
    chair = client_for(cast.users["chair"])
    r = chair.post("/api/v1/notifications/broadcasts", {"title": "API 通知"}, content_type="application/json")
    assert r.status_code == 201 and r.json()["recipients"] > 0
    monkeypatch.setattr(services_broadcast, "BACKGROUND_RECIPIENTS", 0)
    r = chair.post("/api/v1/notifications/broadcasts", {"title": "大通知"}, content_type="application/json")
    assert r.status_code == 202 and Job.objects.filter(pk=r.json()["job_id"]).exists()
    r = chair.post("/api/v1/notifications/broadcasts", {"title": ""}, content_type="application/json")
    assert r.status_code == 422 and r.json()["code"] == "title_required"

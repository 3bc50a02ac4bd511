"""The evaluation through the API: the same services, permissions and error codes as the pages."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.awards.models import Round

pytestmark = pytest.mark.django_db


def _as(user):
    from django.test import Client

    from conftest import two_factor_session

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    two_factor_session(client, user)
    return client


def _post(client, name, body=None, **kw):
    return client.post(reverse(f"api:{name}", kwargs=kw or None), body or {}, content_type="application/json")


def test_a_round_runs_through_the_api_from_nomination_to_rewards(cast):
    today = timezone.localdate()
    chair = _as(cast.users["chair"])
    kind = _post(chair, "awards_kind_create", {"name": "先进工作者", "reward_item": "保温杯", "reward_value": "300"})
    assert kind.status_code == 201
    created = _post(chair, "awards_round_create", {"year": today.year, "kind_ids": [kind.json()["id"]]})
    assert created.status_code == 201
    round_id = created.json()["id"]

    leader = _as(cast.users["group_leader"])
    ok = _post(leader, "awards_nominate", {"kind_id": kind.json()["id"], "worker_id": cast.workers["member"].pk,
                                           "votes_for": 3, "voters": 4}, round_id=round_id)
    assert ok.status_code == 201
    other_group = _post(leader, "awards_nominate", {"kind_id": kind.json()["id"],
                                                    "worker_id": cast.workers["group2_worker"].pk}, round_id=round_id)
    assert other_group.status_code == 403 and other_group.json()["code"] == "not_your_group"

    member = _as(cast.users["member"])
    before = member.get(reverse("api:awards_round", kwargs={"round_id": round_id})).json()
    assert before["awards"] == [] and before["nominations"] == []  # nothing shown to members before 公示

    decided = _post(chair, "awards_decide", {"nomination_ids": [ok.json()["id"]], "meeting_ref": "第5次委员会会议",
                                             "meeting_on": str(today - dt.timedelta(days=20))}, round_id=round_id)
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    published = _post(chair, "awards_publish", {"starts_on": str(today)}, round_id=round_id)
    assert published.status_code == 200 and published.json()["publicity_ends_on"]
    award_id = member.get(reverse("api:awards_round", kwargs={"round_id": round_id})).json()["awards"][0]["id"]
    objection = _post(member, "awards_object", {"reason": "希望说明评选依据"}, award_id=award_id)
    assert objection.status_code == 201
    refused = _post(chair, "awards_finalise", round_id=round_id)
    assert refused.status_code == 409 and refused.json()["code"] in ("publicity_running", "objections_open")
    answered = _post(chair, "awards_answer", {"answer": "已说明"}, objection_id=objection.json()["id"])
    assert answered.status_code == 200 and answered.json()["open"] is False

    Round.objects.filter(pk=round_id).update(publicity_starts_on=today - dt.timedelta(days=10),
                                             publicity_ends_on=today - dt.timedelta(days=3))
    final = _post(chair, "awards_finalise", round_id=round_id)
    assert final.status_code == 200 and final.json()["status"] == "final"
    rewards = _post(chair, "awards_rewards", {"on": str(today)}, round_id=round_id)
    assert rewards.status_code == 200 and rewards.json()[0]["reward_voucher"]
    register = member.get(reverse("api:awards_register")).json()
    assert register[0]["name"] == "张三" and register[0]["honours"][0]["kind"] == "先进工作者"
    figures = member.get(reverse("api:awards_figures"), {"year": today.year}).json()
    assert figures["by_kind"] == [{"label": "先进工作者", "n": 1}]
    certificates = chair.get(reverse("api:awards_certificates", kwargs={"round_id": round_id}))
    assert certificates.status_code == 200


def test_the_api_refuses_a_cash_reward_kind_only_when_booking(cast, client_for):
    chair = client_for(cast.users["chair"])
    bad = _post(chair, "awards_kind_create", {"name": "奖金", "reward_form": "bank"})
    assert bad.status_code == 422 and bad.json()["code"] == "reward_form_invalid"


def test_the_register_page_asks_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries):
    from unionhome.awards.tests.helpers import final

    final(cast)
    client = client_for(cast.users["member"])
    client.get(reverse("awards:register"))  # warm the session
    # the five registry figures (each its count and its parts in one grouped query) and the groups' register
    with django_assert_max_num_queries(24):
        assert client.get(reverse("awards:register")).status_code == 200


def test_the_committee_reads_the_rounds_exclusions_through_the_api_as_the_page_shows_them(cast):
    """The round's page lists who may not be honoured; the API's round detail had no such list (a leader and a
    member never see it)."""
    chair = _as(cast.users["chair"])
    kind = _post(chair, "awards_kind_create", {"name": "先进工作者"}).json()
    round_id = _post(chair, "awards_round_create", {"year": timezone.localdate().year,
                                                    "kind_ids": [kind["id"]]}).json()["id"]
    worker = cast.workers["member"]
    added = _post(chair, "awards_exclude", {"worker_id": worker.pk, "ground": "年度考核不称职", "note": "考核结果"},
                  round_id=round_id)
    assert added.status_code == 201 and added.json()["worker_name"] == worker.name, added.content
    url = reverse("api:awards_round", kwargs={"round_id": round_id})
    seen = chair.get(url).json()["exclusions"]
    assert [(e["worker_id"], e["ground"], e["note"]) for e in seen] == [(worker.pk, "年度考核不称职", "考核结果")]
    assert _as(cast.users["group_leader"]).get(url).json()["exclusions"] == []

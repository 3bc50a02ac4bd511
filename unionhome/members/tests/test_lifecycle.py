"""Membership lifecycle: employment and membership move together, on a date; re-admission (regulations §3, rule 23)."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.members.choices import EmploymentStatus, MembershipStatus
from unionhome.members.models import MembershipEvent, Worker
from unionhome.members.queries import membership_rate
from unionhome.members.services import (
    membership_join,
    membership_leave,
    membership_reinstate,
    membership_retire,
    membership_transfer_out,
    worker_update,
)

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 1, 10)


def fresh(worker):
    return Worker.objects.select_related("membership").get(pk=worker.pk)


def test_a_transfer_out_takes_the_worker_off_the_staff_count_the_same_day(cast):
    staff = Worker.objects.filter(union=cast.union)
    before = membership_rate(staff)
    worker = cast.workers["group1_worker"]
    membership_transfer_out(actor=None, worker=worker, on=ON, to_union="示范市总工会机关工会", card_endorsement="已签注")
    worker = fresh(worker)
    assert worker.employment_status == EmploymentStatus.TRANSFERRED
    assert worker.membership.status == MembershipStatus.TRANSFERRED_OUT and worker.membership.status_since == ON
    after = membership_rate(staff)
    assert after["staff"] == before["staff"] - 1 and after["members"] == before["members"] - 1


def test_a_member_set_to_retired_by_an_edit_is_sent_to_the_retirement_action(cast):
    worker = cast.workers["group1_worker"]
    with pytest.raises(RuleViolation) as exc:
        worker_update(actor=None, worker=worker, employment_status=EmploymentStatus.RETIRED)
    assert exc.value.code == "use_retire"
    with pytest.raises(RuleViolation) as exc:
        worker_update(actor=None, worker=worker, employment_status=EmploymentStatus.TRANSFERRED)
    assert exc.value.code == "use_transfer_out"
    assert fresh(worker).membership.may_vote
    membership_retire(actor=None, worker=worker, on=ON)
    worker = fresh(worker)
    assert worker.employment_status == EmploymentStatus.RETIRED
    assert worker.membership.status == MembershipStatus.RETAINED and not worker.membership.may_vote
    assert worker.membership.status_since == ON


def test_the_edit_page_explains_where_retirement_is_recorded(cast, client_for):
    worker = cast.workers["group1_worker"]
    client = client_for(cast.users["chair"])
    page = client.get(reverse("members:edit", args=[worker.pk]))
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(unit=worker.unit_id or "", group=worker.group_id or "", employment_status="retired")
    response = client.post(reverse("members:edit", args=[worker.pk]), data)
    assert "退休保留会籍" in response.content.decode()
    assert fresh(worker).employment_status == EmploymentStatus.EMPLOYED


def test_lifecycle_dates_are_real_ones(cast):
    worker = cast.workers["group1_worker"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as exc:
        membership_retire(actor=None, worker=worker, on=tomorrow)
    assert exc.value.code == "date_in_future"
    joined = fresh(worker).membership.status_since
    with pytest.raises(RuleViolation) as exc:
        membership_leave(actor=None, worker=worker, on=joined - dt.timedelta(days=1))
    assert exc.value.code == "date_before_status"


def test_a_member_who_left_rejoins_and_one_transferred_out_comes_back_by_transfer_in(cast):
    leaver, mover = cast.workers["group1_worker"], cast.workers["group2_worker"]
    joined = fresh(leaver).membership.joined_on
    membership_leave(actor=None, worker=leaver, on=ON)
    with pytest.raises(RuleViolation):  # not before leaving
        membership_join(actor=None, worker=leaver, joined_on=ON - dt.timedelta(days=1))
    membership_join(actor=None, worker=leaver, joined_on=dt.date(2026, 3, 1))
    leaver = fresh(leaver)
    assert leaver.membership.status == MembershipStatus.ACTIVE and leaver.membership.joined_on == joined
    assert leaver.membership.events.last().kind == MembershipEvent.Kind.REINSTATE
    membership_transfer_out(actor=None, worker=mover, on=ON, to_union="示范县教育系统工会", card_endorsement="已签注")
    membership_join(actor=None, worker=mover, joined_on=dt.date(2026, 4, 1), from_union="示范县教育系统工会")
    mover = fresh(mover)
    assert mover.membership.may_vote and mover.employment_status == EmploymentStatus.EMPLOYED
    last = mover.membership.events.last()
    assert last.kind == MembershipEvent.Kind.TRANSFER_IN and last.other_union == "示范县教育系统工会"
    with pytest.raises(Conflict):  # already active
        membership_join(actor=None, worker=mover, joined_on=dt.date(2026, 4, 2))


def test_a_retired_member_back_at_work_is_reinstated(cast):
    worker = cast.workers["group1_worker"]
    membership_retire(actor=None, worker=worker, on=ON)
    with pytest.raises(RuleViolation) as exc:
        worker_update(actor=None, worker=worker, employment_status=EmploymentStatus.EMPLOYED)
    assert exc.value.code == "use_reinstate"
    membership_reinstate(actor=None, worker=worker, on=dt.date(2026, 2, 1), note="返聘")
    worker = fresh(worker)
    assert worker.membership.may_vote and worker.employment_status == EmploymentStatus.EMPLOYED


def test_the_detail_page_offers_re_admission_and_the_api_reinstates(cast, client_for):
    worker = cast.workers["group1_worker"]
    membership_leave(actor=None, worker=worker, on=ON)
    client = client_for(cast.users["chair"])
    page = client.get(reverse("members:detail", args=[worker.pk])).content.decode()
    assert 'id="rejoin"' in page and 'id="transfer-in-again"' in page
    client.post(reverse("members:membership", args=[worker.pk, "join"]), {"on": "2026-02-01"})
    assert fresh(worker).membership.status == MembershipStatus.ACTIVE
    membership_retire(actor=None, worker=worker, on=dt.date(2026, 3, 1))
    response = client.post(reverse("api:members_membership", args=[worker.pk, "reinstate"]), {"on": "2026-03-02"},
                           content_type="application/json")
    assert response.status_code == 200 and fresh(worker).membership.status == MembershipStatus.ACTIVE

import pytest
from django.urls import reverse

from unionhome.committees.models import GroupLeader
from unionhome.core.models import AuditEntry
from unionhome.members.services import membership_leave
from unionhome.org.models import UnionGroup, Unit

pytestmark = pytest.mark.django_db


def test_the_chair_adds_and_renames_a_unit_and_a_group(cast, client_for):
    client = client_for(cast.users["chair"])
    assert client.post(reverse("org:unit_create"), {"name": "审计局", "code": "SJ"}).status_code == 302
    unit = Unit.objects.get(union=cast.union, name="审计局")
    assert client.post(reverse("org:unit_edit", args=[unit.pk]), {"name": "县审计局", "code": "SJ"}).status_code == 302
    assert client.post(reverse("org:group_create"), {"name": "第3小组", "unit": unit.pk}).status_code == 302
    group = UnionGroup.objects.get(union=cast.union, name="第3小组")
    assert group.unit == unit
    page = client.get(reverse("org:home")).content.decode()
    assert "县审计局" in page and "第3小组" in page
    actions = list(AuditEntry.objects.filter(action__startswith="org.").order_by("-id")[:3]
                   .values_list("action", flat=True))
    assert actions == ["org.group.created", "org.unit.updated", "org.unit.created"]
    update = AuditEntry.objects.get(action="org.unit.updated")
    assert update.before == {"name": "审计局"} and update.after == {"name": "县审计局"}


def test_it_rejects_a_duplicate_unit_name_on_the_form(cast, client_for):
    response = client_for(cast.users["chair"]).post(reverse("org:unit_create"), {"name": "办公室"})
    assert response.status_code == 200
    assert "单位“办公室”已存在" in response.content.decode()
    assert Unit.objects.filter(union=cast.union, name="办公室").count() == 1


def test_the_chair_sets_a_group_leader_who_must_be_an_active_member_of_the_group(cast, client_for):
    client = client_for(cast.users["chair"])
    group = cast.groups[1]
    url = reverse("org:group_leader", args=[group.pk])
    outsider = cast.workers["group1_worker"]  # in group 1, not group 2
    assert client.post(url, {"leader": outsider.pk}).status_code == 200  # not offered: a form error
    leaver = cast.workers["group2_worker"]
    membership_leave(actor=None, worker=leaver, on=leaver.membership.joined_on)
    response = client.post(url, {"leader": leaver.pk})
    assert "负责人必须是在会会员" in response.content.decode()
    assert client.post(url, {"leader": cast.workers["committee"].pk}).status_code == 302
    group.refresh_from_db()
    assert GroupLeader.objects.get(group=group).worker == cast.workers["committee"]
    assert AuditEntry.objects.filter(action="org.group.leader_set", target_id=str(group.pk)).count() == 1


def test_the_api_creates_a_group_and_sets_its_leader(cast, client_for):
    client = client_for(cast.users["admin"])
    response = client.post(reverse("api:org_groups"), {"name": "接口小组", "unit_id": cast.units[1].pk},
                           content_type="application/json")
    assert response.status_code == 201
    group_id = response.json()["id"]
    response = client.patch(reverse("api:org_group", args=[group_id]), {"name": "接口小组（改）"},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["unit_id"] is None
    renamed = AuditEntry.objects.get(action="org.group.updated", target_id=str(group_id))
    assert renamed.before["name"] == "接口小组" and renamed.after["name"] == "接口小组（改）"
    response = client.post(reverse("api:org_group_leader", args=[group_id]),
                           {"leader_id": cast.workers["committee"].pk}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "leader_not_in_group"
    other = cast.workers["other_worker"]
    response = client.post(reverse("api:org_group_leader", args=[group_id]), {"leader_id": other.pk},
                           content_type="application/json")
    assert response.status_code == 404  # another union's worker: as if missing


def test_an_edit_of_another_unions_unit_answers_404(cast, client_for):
    other_unit = Unit.objects.get(union=cast.other_union)
    response = client_for(cast.users["chair"]).post(reverse("org:unit_edit", args=[other_unit.pk]), {"name": "X"})
    assert response.status_code == 404
    other_unit.refresh_from_db()
    assert other_unit.name == "教育局"

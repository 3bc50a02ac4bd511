"""The demo's year-end evaluation runs through the services to a final, rewarded, certified list (on a small
union; the full demo union names 17 across its 11 groups)."""
import pytest
from django.urls import reverse

from unionhome.awards import demo
from unionhome.awards.models import Award, Round
from unionhome.competitions.tests.test_demo import small_demo_context

pytestmark = pytest.mark.django_db


def test_the_demo_evaluation_is_final_rewarded_and_its_pages_render(cast, client_for):
    ctx = small_demo_context(cast)
    ctx.users.update({"zuzhang": cast.users["group_leader"], "huiyuan": cast.users["member"]})
    demo.build(ctx)
    round = Round.objects.get(union=cast.union)
    assert round.status == Round.Status.FINAL
    awards = Award.objects.filter(round=round, withdrawn=False)
    per_group = {}
    for a in awards.filter(worker__isnull=False):
        per_group[a.group_id] = per_group.get(a.group_id, 0) + 1
    assert per_group and set(per_group.values()) <= {1, 2}
    assert all(a.reward_entry_id and a.certificate_no for a in awards)
    assert awards.filter(worker__isnull=True, kind__name="优秀工会小组").exists()
    client = client_for(cast.users["chair"])
    for url in (reverse("awards:home"), reverse("awards:round", kwargs={"pk": round.pk}), reverse("awards:register")):
        assert client.get(url).status_code == 200
    response = client.get(reverse("awards:certificates", kwargs={"pk": round.pk}))
    assert response.status_code == 200 and response["Content-Type"].endswith("document")

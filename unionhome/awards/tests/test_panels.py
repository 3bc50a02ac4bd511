"""The dashboard tells the committee what the evaluation waits for; the member finds their honours in 我的."""
import pytest
from django.urls import reverse

from unionhome.awards import services
from unionhome.awards.models import Award
from unionhome.awards.tests.helpers import days_ago, final, published

pytestmark = pytest.mark.django_db


def test_the_committee_is_told_of_open_objections_then_of_a_finished_publicity(cast):
    from unionhome.accounts.queries import context_for
    from unionhome.awards.panels import evaluation_pending

    r = published(cast)
    ctx = context_for(cast.users["chair"], cast.union.pk)
    assert [a.code for a in evaluation_pending(ctx)] == ["awards_publicity_ended"]
    services.objection_raise(actor=None, award=Award.objects.filter(round=r).first(), reason="异议",
                             today=days_ago(18))
    assert [a.code for a in evaluation_pending(ctx)] == ["awards_objections_open"]
    assert evaluation_pending(context_for(cast.users["member"], cast.union.pk)) == []


def test_the_member_sees_their_final_honours_in_their_corner(cast, client_for):
    r = final(cast)
    page = client_for(cast.users["member"]).get(reverse("dashboard:mine")).content.decode()
    assert f"{r.year}年度先进工作者" in page

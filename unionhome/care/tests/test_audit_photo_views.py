import pytest
from django.urls import reverse

from unionhome.care.tests.routes import photo_kw
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_opening_a_visit_photo_is_in_the_audit_trail(cast, client_for):
    pk = photo_kw(cast)["pk"]
    response = client_for(cast.users["committee"]).get(reverse("care:visit_photo", args=[pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="care.visit.photo_viewed")
    assert entry.actor == cast.users["committee"] and entry.union == cast.union and entry.target_id == str(pk)

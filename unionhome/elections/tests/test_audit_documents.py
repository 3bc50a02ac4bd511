import pytest
from django.urls import reverse

from unionhome.core.models import AuditEntry
from unionhome.elections.tests.routes import doc

pytestmark = pytest.mark.django_db


def test_downloading_an_election_document_is_in_the_audit_trail(cast, client_for):
    kwargs = doc("ballot")(cast)
    response = client_for(cast.users["chair"]).get(reverse("elections:document", kwargs=kwargs))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="elections.document.downloaded")
    assert entry.actor == cast.users["chair"] and entry.union == cast.union and entry.note == "ballot"
    assert entry.target_id == str(kwargs["pk"])

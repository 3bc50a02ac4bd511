import pytest
from django.urls import reverse

from unionhome.competitions.tests.routes import running
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_downloading_results_and_certificates_is_in_the_audit_trail(cast, client_for):
    kwargs = running(cast)
    client = client_for(cast.users["chair"])
    assert client.get(reverse("competitions:results_docx", kwargs=kwargs)).status_code == 200
    assert client.get(reverse("competitions:certificates_docx", kwargs=kwargs)).status_code == 200
    entries = AuditEntry.objects.filter(action="competitions.document.downloaded").order_by("id")
    assert [e.note for e in entries] == ["results", "certificates"]
    assert all(e.actor == cast.users["chair"] and e.union == cast.union for e in entries)

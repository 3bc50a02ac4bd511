import pytest
from django.urls import reverse

from unionhome.core.models import AuditEntry
from unionhome.funds.tests.routes import attachment_kwargs

pytestmark = pytest.mark.django_db


def test_opening_a_receipt_is_in_the_audit_trail(cast, client_for):
    pk = attachment_kwargs(cast)["pk"]
    response = client_for(cast.users["auditor"]).get(reverse("funds:attachment", args=[pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="funds.attachment.viewed")
    assert entry.actor == cast.users["auditor"] and entry.union == cast.union and entry.target_id == str(pk)

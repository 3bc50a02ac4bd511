"""Chinese first, English available: switching the language shows English labels."""
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from unionhome.settings import BASE_DIR

pytestmark = pytest.mark.django_db
CATALOGUE = BASE_DIR / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue():
    # scripts/bootstrap.sh compiles it; compile here too when the .po is newer (the .mo is not in git).
    po, mo = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        call_command("compilemessages", locale=["en"], verbosity=0, ignore_patterns=[".venv"])
        translation.trans_real._translations = {}  # catalogues are cached per process: reload the new one
    yield


def switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_pages_are_in_chinese_by_default_and_english_after_switching(cast, client_for):
    client = client_for(cast.users["chair"])
    body = client.get(reverse("dashboard:home")).content.decode()
    assert "在会会员" in body and "入会率" in body and 'lang="zh-hans"' in body
    switch_to_english(client)
    body = client.get(reverse("dashboard:home")).content.decode()
    assert 'lang="en"' in body
    for label in ("Dashboard", "Organisation", "Members", "Active members", "Membership rate", "By union group",
                  "Log out"):
        assert label in body, label
    body = client.get(reverse("members:list")).content.decode()
    assert "Member roster" in body and "Add worker" in body and "Gender" in body
    body = client.get(reverse("members:detail", args=[cast.workers["member"].pk])).content.decode()
    assert "Date of birth" in body and "Membership" in body and "Edit" in body
    body = client.get(reverse("org:home")).content.decode()
    assert "Union group" in body and "Set leader" in body and "Committees and terms" in body


def test_the_login_page_speaks_english_too(cast, client):
    # (an install without a union sends visitors to its first-run page instead of the login page)
    switch_to_english(client)
    body = client.get(reverse("accounts:login")).content.decode()
    assert "Username" in body and "Password" in body and "locked for 30 minutes" in body

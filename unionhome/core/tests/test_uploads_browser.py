"""Every upload a user makes from a phone, in Chromium: the file chosen on the page arrives and is kept, and a
file that is not what it claims is refused with a message on the same page."""
import re

import pytest

from unionhome.activities.tests.routes import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "现场照片.png"
    photo.write_bytes(PNG)
    fake = tmp_path / "发票.jpg"
    fake.write_bytes(b"MZ\x90\x00 this is a program, not a photo")
    return photo, fake


def test_an_officer_adds_a_photo_to_an_activity(cast, login_as, files):
    from unionhome.activities.models import ActivityPhoto
    from unionhome.activities.tests.helpers import make_activity

    photo, fake = files
    activity = make_activity(cast)
    page = login_as("t_committee")
    page.goto(f"/activities/{activity.pk}/roster/")
    form = page.locator(f"form[action$='/activities/{activity.pk}/photos/']")
    form.locator("input[type=file]").set_input_files(str(fake))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert ActivityPhoto.objects.count() == 0
    assert "只能上传" in page.content()
    form = page.locator(f"form[action$='/activities/{activity.pk}/photos/']")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.locator("button[type=submit]").click()
    page.wait_for_selector("img[src*='/activities/photos/']")
    assert ActivityPhoto.objects.filter(activity=activity).count() == 1
    assert page.foreign == []


def test_the_accountant_attaches_a_receipt_photo_to_a_ledger_entry(cast, login_as, files):
    from unionhome.funds.models import EntryAttachment as Attachment
    from unionhome.funds.tests.factories import income

    photo, fake = files
    entry = income(cast)
    page = login_as("t_finance")
    page.goto(f"/funds/entries/{entry.pk}/")
    form = page.locator("form[action$='/attach/']")
    form.locator("input[type=file]").set_input_files(str(fake))
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/funds/entries/{entry.pk}/$"))
    assert Attachment.objects.count() == 0
    assert "alert-danger" in page.content()  # the refusal's message on the same page
    form = page.locator("form[action$='/attach/']")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=现场照片.png")
    assert Attachment.objects.filter(entry=entry).count() == 1
    assert page.foreign == []

"""Item 31: the member's check-in code is a standard QR that phones read, drawn by every browser, and the
group leader's check-in page reads it with the phone's camera (typed code as the fallback)."""
import base64
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.activities.services import signup_create
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.qr import qr_code as checkin_qr


def _png(code: str) -> bytes:
    buf = io.BytesIO()
    checkin_qr(code).save(buf, kind="png", scale=8, border=4)
    return buf.getvalue()


def _today(cast, **kw):
    now = timezone.now()
    return make_activity(cast, starts_at=now - dt.timedelta(minutes=5), ends_at=now + dt.timedelta(hours=1), **kw)


def test_the_check_in_code_is_a_standard_qr_that_a_phone_reader_decodes():
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    qr = checkin_qr("ABCD2345")
    assert not qr.is_micro and qr.designator.split("-")[0].isdigit()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(_png("ABCD2345"))))
    assert [(r.text, r.format) for r in results] == [("ABCD2345", zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.django_db
def test_the_qr_is_served_as_an_svg_document_with_its_namespace(cast, client_for):
    signup = signup_create(actor=None, activity=_today(cast), worker=cast.workers["member"])
    response = client_for(cast.users["member"]).get(reverse("activities:qr", args=[signup.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b'<svg xmlns="http://www.w3.org/2000/svg"' in response.content


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_member_sees_a_qr_that_decodes_to_their_code(cast, login_as):
    activity = _today(cast, title="工间操比赛")
    signup = signup_create(actor=None, activity=activity, worker=cast.workers["member"])
    page = login_as("t_member")
    page.goto(f"/activities/{activity.pk}/")
    img = page.locator("img[alt=签到二维码]")
    page.wait_for_function("() => document.querySelector('img[alt=签到二维码]').complete")
    assert img.evaluate("i => i.naturalWidth") > 0  # an SVG without its namespace draws nothing
    page.add_script_tag(url=page.url.split("/activities/")[0] + "/static/activities/vendor/jsqr/jsQR.js")
    decoded = img.evaluate("""i => {
        const c = document.createElement('canvas'); c.width = 400; c.height = 400;
        const x = c.getContext('2d'); x.fillStyle = '#fff'; x.fillRect(0, 0, 400, 400); x.drawImage(i, 0, 0, 400, 400);
        const hit = jsQR(x.getImageData(0, 0, 400, 400).data, 400, 400);
        return hit && hit.data; }""")
    assert decoded == signup.checkin_code
    assert page.foreign == []


# A camera for the test: a canvas stream showing the member's QR (no real device in CI).
FAKE_CAMERA = """
delete window.BarcodeDetector;  // the jsQR path, which every browser has
navigator.mediaDevices.getUserMedia = async () => {
  const img = new Image(); img.src = '%s';
  await img.decode();
  const c = document.createElement('canvas'); c.width = 480; c.height = 480;
  const x = c.getContext('2d');
  const draw = () => { x.fillStyle = '#fff'; x.fillRect(0, 0, 480, 480); x.drawImage(img, 90, 90, 300, 300); };
  draw(); setInterval(draw, 100);
  return c.captureStream(10);
};
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_group_leader_checks_a_member_in_with_the_phone_camera(cast, login_as):
    activity = _today(cast, title="小组趣味活动")
    signup = signup_create(actor=None, activity=activity, worker=cast.workers["member"])
    page = login_as("t_group_leader")
    data_url = "data:image/png;base64," + base64.b64encode(_png(signup.checkin_code)).decode()
    page.add_init_script(FAKE_CAMERA % data_url)
    page.goto(f"/activities/{activity.pk}/checkin/")
    page.click("#scan-start")
    page.wait_for_selector("text=签到成功")
    signup.refresh_from_db()
    assert signup.checked_in_at is not None
    assert page.locator("#done").inner_text() == "1"
    assert page.foreign == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_a_camera_the_typed_code_still_checks_in(cast, login_as):
    activity = _today(cast, title="小组趣味活动")
    signup = signup_create(actor=None, activity=activity, worker=cast.workers["member"])
    page = login_as("t_group_leader")
    page.add_init_script("navigator.mediaDevices.getUserMedia = undefined;")
    page.goto(f"/activities/{activity.pk}/checkin/")
    page.click("#scan-start")
    assert "请输入签到码" in page.locator("#scan-status").inner_text()
    page.fill("#checkin-code", signup.checkin_code.lower())
    page.click("#checkin-form button[type=submit]")
    assert "签到成功" in page.content()

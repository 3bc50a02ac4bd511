"""The pages, API and command around issuing and activation: counts, slips, codes shown once, lockout."""
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from unionhome.accounts.models import ActivationCode
from unionhome.accounts.services_activation import accounts_issue

pytestmark = pytest.mark.django_db
NEW = "Neu-Passwort-77"


def slip_rows(content: bytes) -> list[list[str]]:
    doc = Document(io.BytesIO(content))
    return [[c.text for c in row.cells] for table in doc.tables for row in table.rows]


def test_the_issue_page_counts_per_group_and_a_group_leader_sees_only_their_group(cast, client_for):
    chair_page = client_for(cast.users["chair"]).get(reverse("accounts:issue")).content.decode()
    assert 'data-group="第1小组"' in chair_page and 'data-group="第2小组"' in chair_page and 'id="totals"' in chair_page
    leader_page = client_for(cast.users["group_leader"]).get(reverse("accounts:issue")).content.decode()
    assert 'data-group="第1小组"' in leader_page and 'data-group="第2小组"' not in leader_page
    assert 'id="totals"' not in leader_page


def test_the_slips_have_one_page_per_group_with_each_members_code(cast, client_for):
    response = client_for(cast.users["chair"]).post(reverse("accounts:issue_slips"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("会员账号激活通知单") == 2 and "/accounts/activate/" in text and "年" in text
    rows = slip_rows(response.content)
    names = {r[0] for r in rows if r[0] != "姓名"}
    assert names == {"冯二", "陈三"}
    code = next(r[3] for r in rows if r[0] == "冯二")
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    client = Client()
    response = client.post(reverse("accounts:activate"), {"login": "CT0010", "code": code, "password": NEW,
                                                          "password2": NEW})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:home")


def test_the_codes_page_shows_the_codes_once_and_each_issue_replaces_them(cast, client_for):
    client = client_for(cast.users["group_leader"])
    first = client.post(reverse("accounts:issue_codes"), {"group": cast.groups[0].pk}).content.decode()
    second = client.post(reverse("accounts:issue_codes"), {"group": cast.groups[0].pk}).content.decode()
    code1, code2 = (re.search(r"data-code>([A-Z0-9-]+)<", page).group(1) for page in (first, second))
    assert code1 != code2
    assert ActivationCode.objects.filter(voided_at__isnull=True, used_at__isnull=True).count() == 1
    assert client.post(reverse("accounts:issue_codes"), {"group": cast.groups[1].pk}).status_code == 302


def test_a_reset_shows_a_new_code_never_a_password(cast, client_for):
    response = client_for(cast.users["chair"]).post(reverse("accounts:reset", args=[cast.users["member"].pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Test-pass-2026" not in page
    code = re.search(r"data-code>([A-Z0-9-]+)<", page).group(1)
    assert Client().post(reverse("accounts:activate"), {"login": "13800000001", "code": code, "password": NEW,
                                                        "password2": NEW}).status_code == 302


def test_wrong_activations_count_in_the_lockout(cast):
    accounts_issue(actor=None, union=cast.union)
    client = Client()
    data = {"login": "CT0010", "code": "AAAA-AAAA", "password": NEW, "password2": NEW}
    statuses = [client.post(reverse("accounts:activate"), data).status_code for _ in range(6)]
    assert statuses[:4] == [200] * 4 and statuses[-1] == 429


def test_the_wrong_code_and_the_unknown_login_pages_read_the_same(cast):
    accounts_issue(actor=None, union=cast.union)
    pages = []
    for login in ("CT0010", "CT9999"):
        page = Client().post(reverse("accounts:activate"), {"login": login, "code": "AAAA-AAAA", "password": NEW,
                                                           "password2": NEW}).content.decode()
        pages.append(re.findall(r'invalid-feedback d-block">([^<]*)<', page))
    assert pages[0] == pages[1] and pages[0]


def test_self_activation_page_signs_the_member_in(cast):
    accounts_issue(actor=None, union=cast.union)
    worker = cast.workers["group2_worker"]
    client = Client()
    response = client.post(reverse("accounts:activate_self"), {
        "card_number": "CT0011", "id_last6": worker.id_number[-6:], "mobile": "13800000011", "password": NEW,
        "password2": NEW})
    assert response.status_code == 302 and client.get(reverse("dashboard:home")).status_code == 200


def test_the_api_issues_and_activates(cast, client_for):
    client = client_for(cast.users["chair"])
    response = client.post(reverse("api:accounts_issue"), {"group_id": cast.groups[1].pk},
                           content_type="application/json")
    assert response.status_code == 201
    [slip] = response.json()
    assert slip["name"] == "陈三" and slip["code"]
    anonymous = Client()
    response = anonymous.post(reverse("api:accounts_activate"), {"login": "13800000011", "code": slip["code"],
                                                                "password": "weak"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "password_weak"
    response = anonymous.post(reverse("api:accounts_activate"), {"login": "13800000011", "code": slip["code"],
                                                                "password": NEW}, content_type="application/json")
    assert response.status_code == 200 and response.json()["username"] == slip["username"]


def test_the_command_writes_the_slips(cast, tmp_path):
    out = tmp_path / "slips.docx"
    stdout = io.StringIO()
    call_command("accounts_issue", "--union", "T", "--group", "第2小组", "--slips", str(out), stdout=stdout)
    assert "已发放 1 个账号" in stdout.getvalue()
    assert [r[0] for r in slip_rows(out.read_bytes())] == ["姓名", "陈三"]


def test_the_federation_creates_its_viewer_on_its_page(cast, client_for):
    client = client_for(cast.users["federation"])
    page = client.post(reverse("accounts:federation_viewers"), {"username": "county_viewer",
                                                                 "full_name": "查看员"}).content.decode()
    assert 'id="viewer-code"' in page and "county_viewer" in page
    page = client.get(reverse("accounts:federation_viewers")).content.decode()
    assert 'id="viewer-code"' not in page and "county_viewer" in page

"""Lockout counts per (account, source): nobody locks the real owner out everywhere; the owner's known
device still gets in; an officer unlocks, audited. Logins are in the audit trail."""
import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Test-pass-2026"
LOGIN = "/accounts/login/"


def attempt(client, username, password, ip):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def lock_out(username, ip):
    attacker = Client()
    statuses = [attempt(attacker, username, "wrong-Pass-1", ip).status_code for _ in range(5)]
    assert statuses[-1] == 429
    return attacker


def test_failures_from_one_address_do_not_lock_the_owner_out_elsewhere(cast):
    attacker = lock_out("t_chair", "203.0.113.9")
    assert attempt(attacker, "t_chair", PASSWORD, "203.0.113.9").status_code == 429
    chair = Client()
    assert sign_in(chair, "t_chair", "198.51.100.7").status_code == 302
    assert "_auth_user_id" in chair.session


def test_the_owners_known_device_gets_in_from_the_same_locked_address(cast):
    office_ip = "10.1.1.1"  # one NAT address for the whole office
    chair = Client()
    assert sign_in(chair, "t_chair", office_ip).status_code == 302  # the device becomes known
    chair.post(reverse("accounts:logout"), REMOTE_ADDR=office_ip)
    attacker = lock_out("t_chair", office_ip)
    assert attempt(attacker, "t_chair", PASSWORD, office_ip).status_code == 429  # an unknown device stays out
    assert sign_in(chair, "t_chair", office_ip).status_code == 302
    assert "_auth_user_id" in chair.session


def test_a_known_device_of_another_account_does_not_help(cast):
    ip = "10.1.1.2"
    browser = Client()
    assert attempt(browser, "t_member", PASSWORD, ip).status_code == 302  # known device of t_member only
    browser.post(reverse("accounts:logout"), REMOTE_ADDR=ip)
    for _ in range(5):
        attempt(browser, "t_chair", "wrong-Pass-1", ip)
    assert attempt(browser, "t_chair", PASSWORD, ip).status_code == 429


def test_an_officer_unlocks_an_account_from_the_account_page_and_it_is_audited(cast, client_for):
    ip = "203.0.113.20"
    locked = lock_out("t_member", ip)
    client = client_for(cast.users["admin"])
    page = client.get(reverse("accounts:account", args=[cast.users["member"].pk])).content.decode()
    assert 'id="lockouts"' in page and ip in page
    assert client.post(reverse("accounts:unlock", args=[cast.users["member"].pk])).status_code == 302
    assert attempt(locked, "t_member", PASSWORD, ip).status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.unlocked")
    assert entry.actor == cast.users["admin"] and entry.union == cast.union and entry.before["locked_sources"] == [ip]
    page = client.get(reverse("accounts:account", args=[cast.users["member"].pk])).content.decode()
    assert 'id="lockouts"' not in page


def test_logins_and_wrong_passwords_are_in_the_unions_audit_trail(cast):
    attempt(Client(), "t_finance", "wrong-Pass-1", "192.0.2.4")
    attempt(Client(), "nobody_here", "wrong-Pass-1", "192.0.2.4")
    sign_in(Client(), "t_finance", "192.0.2.5")
    failed = AuditEntry.objects.get(action="accounts.login.failed")
    assert failed.target_label == "t_finance" and failed.union == cast.union and failed.ip == "192.0.2.4"
    ok = AuditEntry.objects.get(action="accounts.login.succeeded")
    assert ok.actor == cast.users["finance"] and ok.union == cast.union and ok.ip == "192.0.2.5"

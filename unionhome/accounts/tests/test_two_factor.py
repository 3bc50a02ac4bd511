"""Two factors for officers: after the password an officer is not logged in until the authenticator's
code (or a recovery code) is given, or, without an authenticator, until one is enrolled. Wrong codes
count like wrong passwords; a locked-out owner gets in with both factors; a chair or admin resets
someone's second factor (audited); API tokens come only from a two-factor session."""
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, totp_code
from unionhome.accounts import services_two_factor
from unionhome.accounts.models import ApiToken
from unionhome.accounts.two_factor import PENDING_KEY
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
VERIFY = "/accounts/login/verify/"
ENROL = "/accounts/login/enrol/"


def password_step(client, username, ip="127.0.0.1", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def enrolled(user):
    """Enrol through the services, as the enrolment page does; returns the device and the recovery codes."""
    device = services_two_factor.two_factor_enrol_start(actor=user, user=user)
    return services_two_factor.two_factor_enrol_confirm(actor=user, user=user, code=totp_code(device))


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("role", ["chair", "finance", "auditor", "hardship_officer", "admin"])
def test_an_officer_who_only_typed_the_password_reaches_no_page(cast, role):
    client = Client()
    response = password_step(client, f"t_{role}")
    assert response.status_code == 302 and response.url == ENROL
    assert not logged_in(client)
    for url in (reverse("dashboard:home"), reverse("accounts:profile"), reverse("accounts:tokens")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_member_logs_in_with_the_password_alone(cast):
    client = Client()
    assert password_step(client, "t_member").url == reverse("dashboard:home")
    assert logged_in(client)


def test_an_officer_enrols_at_first_login_and_sees_ten_recovery_codes_once(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows down the next try after a wrong code; not tested here
    client = Client()
    password_step(client, "t_chair")
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=cast.users["chair"], confirmed=False)
    assert "<svg" in page and 'id="totp-key"' in page
    assert client.get(ENROL).status_code == 200 and TOTPDevice.objects.filter(user=cast.users["chair"]).count() == 1

    response = client.post(ENROL, {"code": "000000" if totp_code(device) != "000000" else "111111"})
    assert response.status_code == 200 and not logged_in(client)
    assert "验证码不正确" in response.content.decode()

    response = client.post(ENROL, {"code": totp_code(device)})
    page = response.content.decode()
    assert response.status_code == 200 and logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    codes = list(StaticToken.objects.filter(device__user=cast.users["chair"]).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in page for code in codes)
    assert response.headers["Cache-Control"].startswith("max-age=0") or "no-store" in response.headers["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.get(action="accounts.2fa.enrolled")
    assert entry.actor == cast.users["chair"] and entry.union == cast.union
    assert all(code not in str(entry.after) for code in codes)
    assert client.get(reverse("accounts:two_factor")).content.decode().count(codes[0]) == 0  # shown once


def test_an_enrolled_officer_gives_the_authenticators_code_and_a_code_is_never_accepted_twice(cast):
    device, _codes = enrolled(cast.users["finance"])
    client = Client()
    assert password_step(client, "t_finance").url == VERIFY
    assert not logged_in(client)
    code = totp_code(device, steps_ahead=1)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 302 and response.url == reverse("dashboard:home") and logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEntry.objects.filter(action="accounts.login.succeeded", actor=cast.users["finance"]).count() == 1

    again = Client()
    password_step(again, "t_finance")
    response = again.post(VERIFY, {"code": code})  # the same code, replayed
    assert response.status_code == 200 and not logged_in(again)


def test_a_recovery_code_logs_in_once(cast):
    _device, codes = enrolled(cast.users["hardship_officer"])
    client = Client()
    password_step(client, "t_hardship_officer")
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302 and logged_in(client)
    entry = AuditEntry.objects.get(action="accounts.2fa.recovery_used")
    assert entry.actor == cast.users["hardship_officer"] and entry.after == {"recovery_codes_left": 9}

    again = Client()
    password_step(again, "t_hardship_officer")
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 200 and not logged_in(again)


def test_the_password_step_is_forgotten_after_a_few_minutes(cast):
    device, _codes = enrolled(cast.users["chair"])
    client = Client()
    password_step(client, "t_chair")
    session = client.session
    pending = session[PENDING_KEY]
    pending["at"] -= settings.UNIONHOME_2FA_PENDING_SECONDS + 1
    session[PENDING_KEY] = pending
    session.save()
    response = client.post(VERIFY, {"code": totp_code(device, steps_ahead=1)})
    assert response.status_code == 302 and response.url == LOGIN and not logged_in(client)
    assert PENDING_KEY not in client.session


def test_wrong_codes_count_like_wrong_passwords_per_account_and_address(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the address's lockout is what is tested here
    device, _codes = enrolled(cast.users["chair"])
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    ip = "203.0.113.30"
    attacker = Client()  # knows the password, not the phone
    password_step(attacker, "t_chair", ip)
    statuses = [attacker.post(VERIFY, {"code": wrong}, REMOTE_ADDR=ip).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert AuditEntry.objects.filter(action="accounts.login.failed", target_label="t_chair").count() == 5
    assert password_step(Client(), "t_chair", ip).status_code == 429
    # the owner elsewhere is not locked out
    owner = Client()
    password_step(owner, "t_chair", "198.51.100.30")
    assert owner.post(VERIFY, {"code": totp_code(device, steps_ahead=1)}, REMOTE_ADDR="198.51.100.30").status_code == 302


def test_a_locked_out_officer_gets_in_with_password_and_code_and_the_lockout_here_is_lifted(cast):
    device, codes = enrolled(cast.users["chair"])
    ip = "10.2.2.2"  # the office's one address, where a stranger typed wrong passwords
    stranger = Client()
    for _ in range(5):
        response = password_step(stranger, "t_chair", ip, password="wrong-Pass-1")
    assert response.status_code == 429 and reverse("accounts:login_unlock") in response.content.decode()
    owner = Client()
    assert password_step(owner, "t_chair", ip).status_code == 429

    unlock = reverse("accounts:login_unlock")
    response = stranger.post(unlock, {"username": "t_chair", "password": "wrong-Pass-1",
                                      "code": totp_code(device, steps_ahead=1)}, REMOTE_ADDR=ip)
    assert response.status_code == 200 and not logged_in(stranger)
    assert AccessAttempt.objects.filter(username="t_chair", ip_address=ip).exists()

    response = owner.post(unlock, {"username": "t_chair", "password": PASSWORD, "code": codes[3]}, REMOTE_ADDR=ip)
    assert response.status_code == 302 and logged_in(owner)
    assert not AccessAttempt.objects.filter(username="t_chair", ip_address=ip).exists()
    entry = AuditEntry.objects.get(action="accounts.user.self_unlocked")
    assert entry.actor == cast.users["chair"] and entry.before == {"locked_sources": [ip]}


def test_a_member_may_enrol_from_my_account_and_is_then_asked_for_a_code(cast, client_for):
    client = client_for(cast.users["member"])
    assert 'href="/accounts/two-factor/"' in client.get(reverse("accounts:profile")).content.decode()
    assert "<svg" in client.get(reverse("accounts:two_factor")).content.decode()
    device = TOTPDevice.objects.get(user=cast.users["member"], confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"code": totp_code(device)})
    assert response.status_code == 200 and 'id="recovery-codes"' in response.content.decode()
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    client.post(reverse("accounts:logout"))
    assert password_step(client, "t_member").url == VERIFY and not logged_in(client)


def test_an_admin_resets_an_officers_second_factor_which_ends_their_sessions_and_is_audited(cast, client_for):
    enrolled(cast.users["chair"])
    chair = Client()
    chair.force_login(cast.users["chair"], backend="django.contrib.auth.backends.ModelBackend")
    admin = client_for(cast.users["admin"])
    page = admin.get(reverse("accounts:account", args=[cast.users["chair"].pk])).content.decode()
    assert 'id="two-factor-reset-form"' in page
    assert admin.post(reverse("accounts:two_factor_reset", args=[cast.users["chair"].pk])).status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.users["chair"]).exists()
    assert not StaticToken.objects.filter(device__user=cast.users["chair"]).exists()
    assert chair.get(reverse("dashboard:home")).status_code == 302
    entry = AuditEntry.objects.get(action="accounts.2fa.reset")
    assert entry.actor == cast.users["admin"] and entry.union == cast.union and entry.target_label == "t_chair"
    assert password_step(Client(), "t_chair").url == ENROL  # enrols again at the next login


def test_nobody_resets_their_own_second_factor(cast):
    enrolled(cast.users["admin"])
    with pytest.raises(RuleViolation) as exc:
        services_two_factor.two_factor_reset(actor=cast.users["admin"], user=cast.users["admin"], union=cast.union)
    assert exc.value.code == "two_factor_reset_self"
    assert TOTPDevice.objects.filter(user=cast.users["admin"], confirmed=True).exists()


def test_an_api_token_is_issued_only_from_a_two_factor_session(cast, client_for):
    chair = Client()
    chair.force_login(cast.users["chair"], backend="django.contrib.auth.backends.ModelBackend")  # password only
    assert 'id="token-needs-two-factor"' in chair.get(reverse("accounts:tokens")).content.decode()
    chair.post(reverse("accounts:token_create"), {"name": "数据对接", "days": 30})
    assert not ApiToken.objects.exists()

    verified = client_for(cast.users["chair"])
    response = verified.post(reverse("accounts:token_create"), {"name": "数据对接", "days": 30})
    assert 'id="new-token"' in response.content.decode()
    assert ApiToken.objects.filter(user=cast.users["chair"]).count() == 1

    member = client_for(cast.users["member"])
    member.post(reverse("accounts:token_create"), {"name": "手机", "days": 30})
    assert ApiToken.objects.filter(user=cast.users["member"]).count() == 1


def test_a_member_who_enrolled_gets_a_token_only_from_a_two_factor_session(cast, client_for):
    enrolled(cast.users["member"])
    member = client_for(cast.users["member"])  # force_login: no second factor in this session
    member.post(reverse("accounts:token_create"), {"name": "手机", "days": 30})
    assert not ApiToken.objects.exists()


def test_new_recovery_codes_replace_the_old_ones_only_from_a_two_factor_session(cast, client_for):
    _device, old = enrolled(cast.users["member"])
    member = client_for(cast.users["member"])
    assert member.post(reverse("accounts:recovery_codes_renew")).status_code == 302
    assert StaticToken.objects.filter(token=old[0]).exists()

    client = Client()
    password_step(client, "t_member")
    client.post(VERIFY, {"code": old[0]})
    response = client.post(reverse("accounts:recovery_codes_renew"))
    assert response.status_code == 200
    assert not StaticToken.objects.filter(token=old[1]).exists()
    assert StaticToken.objects.filter(device__user=cast.users["member"]).count() == 10
    assert AuditEntry.objects.filter(action="accounts.2fa.recovery_renewed").count() == 1


def test_a_member_made_accountant_logs_in_again_with_two_factors(cast, client_for):
    from unionhome.accounts.services import role_grant, role_grant_confirm

    member = Client()
    password_step(member, "t_member")
    assert logged_in(member)
    grant = role_grant(actor=cast.users["chair"], user=cast.users["member"], union=cast.union, role="finance")
    role_grant_confirm(actor=cast.users["admin"], grant_request=grant)
    assert member.get(reverse("dashboard:home")).status_code == 302 and not logged_in(member)
    assert password_step(member, "t_member").url == ENROL


def test_the_unlock_form_records_a_lift_only_where_there_was_a_lockout(cast):
    device, _codes = enrolled(cast.users["chair"])
    client = Client()
    response = client.post(reverse("accounts:login_unlock"), {"username": "t_chair", "password": PASSWORD,
                                                              "code": totp_code(device, steps_ahead=1)})
    assert response.status_code == 302 and logged_in(client)
    assert not AuditEntry.objects.filter(action="accounts.user.self_unlocked").exists()


def test_a_role_needing_two_factors_set_up_by_the_platform_also_ends_password_only_sessions(cast):
    from unionhome.accounts.services import role_grant

    member = Client()
    password_step(member, "t_member")
    role_grant(actor=None, user=cast.users["member"], union=cast.union, role="committee")
    assert logged_in(member)  # a committee member needs no second factor
    role_grant(actor=None, user=cast.users["member"], union=cast.union, role="auditor")
    assert not logged_in(member)

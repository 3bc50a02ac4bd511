"""Production settings: check --deploy is clean, secrets are required, security headers are sent."""
import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def production_env(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNIONHOME_", "DATABASE_URL", "DJANGO_"))}
    env.update({
        "UNIONHOME_PRODUCTION": "1",
        "UNIONHOME_SECRET_KEY": secrets.token_urlsafe(50),
        "UNIONHOME_FIELD_KEYS": "k1:" + base64.b64encode(os.urandom(32)).decode(),
        "UNIONHOME_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "UNIONHOME_ALLOWED_HOSTS": "union.example.cn",
        "UNIONHOME_VAR_DIR": str(tmp_path),
    })
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_silenced_csrf_check_is_only_the_page_csrf_middleware_under_another_name():
    """security.W003 is silenced because CSRF protection is ``PageCsrfViewMiddleware``, Django's own class run on
    every request with a session cookie; were it taken out, this fails."""
    from django.conf import settings
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.module_loading import import_string

    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W003"]
    assert any(issubclass(import_string(m), CsrfViewMiddleware) for m in settings.MIDDLEWARE)


@pytest.mark.parametrize("missing", ["UNIONHOME_SECRET_KEY", "UNIONHOME_FIELD_KEYS", "UNIONHOME_BLIND_INDEX_KEY"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_of_a_logged_in_user_are_never_cached(cast, client_for):
    response = client_for(cast.users["chair"]).get(reverse("members:list"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"

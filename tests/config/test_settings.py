import pytest
from django.core.exceptions import ImproperlyConfigured

from config.database import database_from_url
from config.env import env_bool, env_list


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("yes", True), ("off", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("X_FLAG", raw)
    assert env_bool("X_FLAG", default=not value) is value


def test_env_bool_refuses_what_it_does_not_understand(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe' is not a boolean"):
        env_bool("X_FLAG", default=False)


def test_env_list_refuses_empty_items(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.org,,b.org")
    with pytest.raises(ImproperlyConfigured):
        env_list("X_HOSTS", [])


def test_database_url_must_be_postgres():
    with pytest.raises(ImproperlyConfigured, match="must point to PostgreSQL"):
        database_from_url("sqlite:///db.sqlite3")
    assert database_from_url("postgres://u:p@db:5432/archive")["NAME"] == "archive"


def test_production_settings_pass_the_deploy_check():
    import os
    import subprocess
    import sys

    # As a server starts: not with what the test run itself set (the browser
    # tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-key-1234567890",
        "DATABASE_URL": "postgres://u:p@db.example.org:5432/archive",
        "ALLOWED_HOSTS": "archive.example.org",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_a_cache_url_that_is_not_redis_stops_the_start():
    import os
    import subprocess
    import sys

    env = {**os.environ, "CACHE_URL": "memcached://127.0.0.1:11211"}
    out = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True
    )
    assert out.returncode != 0
    assert "CACHE_URL must be a redis:// URL" in out.stderr


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client, settings):
    from config.security import ADMIN_POLICY, PUBLIC_POLICY

    page = client.get("/")
    assert page["Content-Security-Policy"] == PUBLIC_POLICY
    assert "script-src" not in PUBLIC_POLICY  # default-src 'none': no script runs
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in page  # plain HTTP: no HSTS
    admin = client.get("/admin/login/")
    assert admin["Content-Security-Policy"] == ADMIN_POLICY
    # Under HTTPS (HTTPS=1 sets these), HSTS for a year, with subdomains and preload.
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    from django.test import Client

    secure = Client().get("/", secure=True)  # a new client: middleware reads settings
    assert secure["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@pytest.mark.django_db
def test_forms_that_change_data_need_the_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    login = strict.get("/admin/login/")
    assert b'name="csrfmiddlewaretoken"' in login.content
    refused = strict.post("/admin/login/", {"username": "a", "password": "b"})
    assert refused.status_code == 403

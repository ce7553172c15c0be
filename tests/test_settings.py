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

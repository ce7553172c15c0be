"""The database: ``DATABASE_URL`` when set, otherwise an embedded PostgreSQL.

The embedded server comes from the ``pgserver`` wheel (PostgreSQL 16 binaries on PyPI),
so a fresh machine needs no server installed. Its data directory lives in the
project (``.pgdata/``, git-ignored; ``PGDATA_DIR`` names another) and survives between
runs; the server keeps running after the first process that started it exits, and
later processes attach. ``make run`` stops the server it started when it stops, and
``make stop`` stops it (scripts/embedded-postgres.sh).
"""

import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

EMBEDDED_DB_NAME = "archive"


def database_from_url(url: str, pool: int = 0) -> dict:
    """Settings for one server. Each worker keeps its connection for a minute, or,
    with ``pool`` > 0, takes connections from a psycopg pool of at most ``pool``
    (Django requires CONN_MAX_AGE 0 then)."""
    try:
        config = dj_database_url.parse(
            url, conn_max_age=0 if pool else 60, conn_health_checks=not pool
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not understood: {exc}") from None
    # No JIT: the archive's queries are short, and at a million articles their
    # cost estimates pass jit_above_cost, so PostgreSQL spent ~20 ms compiling
    # each of them (measured on the related-coverage query).
    config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    if pool:
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": pool,
            "timeout": 10,
        }
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must point to PostgreSQL (postgres://...): the archive's "
            "search is built on PostgreSQL full-text search."
        )
    return config


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data directory (``PGDATA_DIR``) that initdb could not use or that is
    not PostgreSQL's, before pgserver takes it over."""
    if data_dir.exists() and not data_dir.is_dir():
        raise ImproperlyConfigured(f"PGDATA_DIR={data_dir} is not a directory.")
    if not data_dir.exists() and not data_dir.parent.is_dir():
        raise ImproperlyConfigured(
            f"PGDATA_DIR={data_dir}: its parent directory does not exist."
        )
    if data_dir.is_dir() and not (data_dir / "PG_VERSION").exists():
        if any(data_dir.iterdir()):
            raise ImproperlyConfigured(
                f"PGDATA_DIR={data_dir} is neither empty nor a PostgreSQL data "
                "directory (no PG_VERSION in it)."
            )


def embedded_database(data_dir: Path) -> dict:
    check_data_dir(data_dir)
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; harmless here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR", category=UserWarning)
    import pgserver  # imported here: deployments with DATABASE_URL never load it

    server = pgserver.get_server(data_dir, cleanup_mode=None)
    exists = server.psql(
        f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DB_NAME}';"
    )
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DB_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "HOST": str(data_dir),  # a Unix socket in the data directory
        "PORT": "",
        "OPTIONS": {"options": "-c jit=off"},
    }

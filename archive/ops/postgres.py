"""Talking to the archive's PostgreSQL server with its own client tools.

The client tools must not be older than the server (pg_dump refuses to dump a newer
server), so the embedded PostgreSQL (``pgserver``) is reached with its own binaries
and a ``DATABASE_URL`` server with those on ``PATH``, unless ``--pg-bin`` or the
``PG_BIN`` environment variable names another directory.
"""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql
from psycopg.conninfo import make_conninfo
from reversion.models import Version

from archive.models import Article

PG_BIN_ENV = "PG_BIN"

# Keys Django reads from DATABASES[...]["OPTIONS"] itself; the rest are libpq's.
DJANGO_ONLY_OPTIONS = {
    "pool",
    "isolation_level",
    "server_side_binding",
    "assume_role",
    "cursor_factory",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def libpq_params(settings_dict: dict) -> dict[str, str]:
    """libpq keywords for a Django database, without the password.

    >>> libpq_params({"NAME": "archive", "USER": "postgres", "HOST": "/run/pg",
    ...               "PORT": "", "OPTIONS": {"sslmode": "require", "pool": True}})
    {'dbname': 'archive', 'user': 'postgres', 'host': '/run/pg', 'sslmode': 'require'}
    """
    params = {
        "dbname": settings_dict.get("NAME"),
        "user": settings_dict.get("USER"),
        "host": settings_dict.get("HOST"),  # a hostname or a socket directory
        "port": settings_dict.get("PORT"),
    }
    options = settings_dict.get("OPTIONS") or {}
    params.update(
        (key, value) for key, value in options.items() if key not in DJANGO_ONLY_OPTIONS
    )
    params.pop("password", None)  # travels in PGPASSWORD, never on a command line
    return {key: str(value) for key, value in params.items() if value not in ("", None)}


def password_of(settings_dict: dict) -> str:
    options = settings_dict.get("OPTIONS") or {}
    return settings_dict.get("PASSWORD") or options.get("password") or ""


def connect(settings_dict: dict, **kwargs) -> psycopg.Connection:
    """A connection of our own, outside Django's, to the database in question."""
    password = password_of(settings_dict)
    extra = {"password": password} if password else {}
    return psycopg.connect(**libpq_params(settings_dict), **extra, **kwargs)


def find_pg_bin(override: str | None = None) -> Path | None:
    """The directory of pg_dump/pg_restore to use, or None for those on PATH."""
    chosen = override or os.environ.get(PG_BIN_ENV, "").strip()
    if chosen:
        return Path(chosen)
    if not getattr(settings, "DATABASE_URL", ""):
        # The embedded server is PostgreSQL 16, often newer than PATH's tools.
        # Found without importing pgserver, which warns about XDG_RUNTIME_DIR.
        package = Path(importlib.util.find_spec("pgserver").origin).parent
        return package / "pginstall" / "bin"
    return None


def find_tool(name: str, pg_bin: Path | None) -> str:
    if pg_bin is not None:
        tool = pg_bin / name
        if not tool.is_file():
            raise BackupError(f"{name} not found in {pg_bin}")
        return str(tool)
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} not found on PATH: install the PostgreSQL client tools "
            f"or name their directory with --pg-bin or {PG_BIN_ENV}"
        )
    return found


def run_tool(args: list[str], settings_dict: dict) -> None:
    """Run a client tool; its complaint on stderr becomes the error message."""
    env = dict(os.environ)
    password = password_of(settings_dict)
    if password:
        env["PGPASSWORD"] = password
    try:
        subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        name = Path(args[0]).name
        detail = (exc.stderr or "").strip() or "no message"
        raise BackupError(f"{name} failed (exit {exc.returncode}): {detail}") from None


def dbname_arg(settings_dict: dict) -> str:
    return "--dbname=" + make_conninfo(**libpq_params(settings_dict))


def count_rows(conn: psycopg.Connection, table: str) -> int:
    query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
    return conn.execute(query).fetchone()[0]


def count_contents(settings_dict: dict) -> dict[str, int]:
    """Articles and reversion versions in a database, for the commands' reports."""

    with connect(settings_dict, autocommit=True) as conn:
        return {
            "articles": count_rows(conn, Article._meta.db_table),
            "versions": count_rows(conn, Version._meta.db_table),
        }


def human_size(size: int) -> str:
    """
    >>> human_size(900), human_size(2_500_000)
    ('900 B', '2.4 MB')
    """
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"

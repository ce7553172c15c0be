"""Whole-database backups with pg_dump and pg_restore.

A dump is PostgreSQL's custom format (``pg_dump -Fc``): every table the project has
(articles, editors' corrections in ``Article.editor_fields``, django-reversion's
revisions, users), restorable into an empty database or over an existing one.

The client tools must not be older than the server (pg_dump refuses to dump a newer
server), so the embedded PostgreSQL (``pgserver``) is dumped with its own binaries
and a ``DATABASE_URL`` server with those on ``PATH``, unless ``--pg-bin`` or the
``PG_BIN`` environment variable names another directory.
"""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql
from psycopg.conninfo import make_conninfo

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
        import pgserver

        return Path(pgserver.__file__).parent / "pginstall" / "bin"
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


def dump_database(path: Path, settings_dict: dict, pg_bin: Path | None) -> int:
    """Write a custom-format dump to ``path``; return the articles it holds.

    The count and pg_dump read one exported snapshot, so the number reported is the
    number in the file even while editors keep writing. The dump goes to a temporary
    file first: a failed pg_dump never leaves a truncated file behind, nor replaces
    an older backup.
    """
    pg_dump = find_tool("pg_dump", pg_bin)
    partial = path.with_name(path.name + ".partial")
    with connect(settings_dict) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        articles = count_rows(conn, Article._meta.db_table)
        try:
            run_tool(
                [
                    pg_dump,
                    dbname_arg(settings_dict),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={partial}",
                ],
                settings_dict,
            )
        except BackupError:
            partial.unlink(missing_ok=True)
            raise
        conn.rollback()
    partial.replace(path)
    return articles


def check_dump(path: Path, pg_bin: Path | None) -> None:
    """Refuse a missing file or one pg_restore cannot read, before touching a DB."""
    if not path.is_file():
        raise BackupError(f"no dump file at {path}")
    pg_restore = find_tool("pg_restore", pg_bin)
    try:
        subprocess.run(
            [pg_restore, "--list", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or "").strip()
        raise BackupError(f"{path} is not a readable dump: {detail}") from None


def count_tables(settings_dict: dict) -> int:
    """Tables outside PostgreSQL's own schemas: zero means a fresh database."""
    with connect(settings_dict, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p')"
            " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            " AND n.nspname NOT LIKE 'pg_toast%'"
        ).fetchone()[0]


def restore_database(
    path: Path, settings_dict: dict, pg_bin: Path | None, replace: bool = False
) -> None:
    """Restore a dump into the database of ``settings_dict``.

    A database that already has tables is only overwritten when ``replace`` says so.
    The restore is one transaction: if any statement fails, the database is left as
    it was, never half restored.
    """
    check_dump(path, pg_bin)
    tables = count_tables(settings_dict)
    if tables and not replace:
        name = settings_dict.get("NAME")
        raise BackupError(
            f"database {name} is not empty ({tables} tables); "
            "pass --replace to replace its contents with the dump"
        )
    args = [
        find_tool("pg_restore", pg_bin),
        dbname_arg(settings_dict),
        # Objects belong to whoever restores: the dump may come from another role.
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    if replace:
        args += ["--clean", "--if-exists"]
    run_tool([*args, str(path)], settings_dict)


def count_rows(conn: psycopg.Connection, table: str) -> int:
    query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
    return conn.execute(query).fetchone()[0]


def count_contents(settings_dict: dict) -> dict[str, int]:
    """Articles and reversion versions in a database, for the commands' reports."""
    from reversion.models import Version

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

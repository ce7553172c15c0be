"""Restoring a dump made by ``archive.ops.backup``, in one transaction."""

from pathlib import Path

from archive.ops.backup import check_dump
from archive.ops.postgres import BackupError, connect, dbname_arg, find_tool, run_tool


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
    # pg_restore brings rows, not the planner's statistics (archive.ops.statistics).
    with connect(settings_dict, autocommit=True) as conn:
        conn.execute("ANALYZE")

"""Whole-database backups with pg_dump.

A dump is PostgreSQL's custom format (``pg_dump -Fc``): every table the project has
(articles, editors' corrections in ``Article.editor_fields``, django-reversion's
revisions, users), restorable into an empty database or over an existing one
(``archive.ops.restore``).
"""

import subprocess
from pathlib import Path

import psycopg

from archive.models import Article
from archive.ops.postgres import (
    BackupError,
    connect,
    count_rows,
    dbname_arg,
    find_tool,
    run_tool,
)


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

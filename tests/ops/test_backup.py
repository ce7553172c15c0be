"""`backup` and `restore` bring every article, correction and revision back.

pg_dump and pg_restore run in processes of their own, so the tests commit their data
(``transaction=True``) and restore into a database created here and dropped after.
"""

import io
import uuid
from datetime import date
from urllib.parse import quote, urlencode

import psycopg
import pytest
import reversion
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql
from reversion.models import Revision, Version

from archive.models import Article
from archive.ops.postgres import connect

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = Article._meta.db_table
# Every column compared, so a value lost on the way (a date, a correction) shows.
TABLES = [ARTICLE, Version._meta.db_table, Revision._meta.db_table]


@pytest.fixture
def fresh_database():
    """An empty database on the test server: (settings dict, URL naming it)."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    admin = {**source, "NAME": "postgres"}
    with connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {**source, "NAME": name}, database_url(source, name)
    finally:
        with connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )


def database_url(source: dict, name: str) -> str:
    """A URL for ``name`` on the server of ``source``; the host goes in the query
    string because a socket directory is not a hostname."""
    user = quote(source["USER"] or "", safe="")
    password = quote(source["PASSWORD"] or "", safe="")
    userinfo = f"{user}:{password}@" if password else f"{user}@"
    query = {"host": source["HOST"], "port": source["PORT"]}
    query = urlencode({key: value for key, value in query.items() if value})
    return f"postgres://{userinfo}/{quote(name)}?{query}"


def table_rows(conn: psycopg.Connection, table: str) -> list[tuple]:
    query = sql.SQL("SELECT * FROM {} ORDER BY id").format(sql.Identifier(table))
    return conn.execute(query).fetchall()


def corrected_article(make_article) -> Article:
    """An article an editor corrected, saved in a reversion revision."""
    article = make_article(
        title="الرئيس يستقبل الوفد",
        body="استقبل الرئيس اليوم وفدا رسميا.",
        date=date(2025, 5, 19),
        date_precision="day",
    )
    article.title = "الرئيس يستقبل وفد الجامعة العربية"
    article.editor_fields = ["title"]
    with reversion.create_revision():
        reversion.set_comment("تصحيح العنوان")
        article.save()
    return article


def test_restore_brings_back_every_article_correction_and_revision(
    make_article, fresh_database, tmp_path
):
    corrected = corrected_article(make_article)
    make_article(title="خبر بلا تاريخ", body="نص قصير.")
    make_article(
        title="خبر شهري", body="نص.", date=date(2024, 3, 1), date_precision="month"
    )
    with connect(connection.settings_dict) as conn:
        expected = {table: table_rows(conn, table) for table in TABLES}
    dump = tmp_path / "archive.dump"
    target, url = fresh_database

    call_command("backup", str(dump), stdout=(out := io.StringIO()))
    assert f"wrote {dump}" in out.getvalue() and "3 articles" in out.getvalue()
    call_command("restore", str(dump), database_url=url, stdout=(out := io.StringIO()))
    assert "3 articles, 1 revision versions" in out.getvalue()

    with connect(target) as conn:
        restored = {table: table_rows(conn, table) for table in TABLES}
        title, body, day, fields = conn.execute(
            f"SELECT title, body, date, editor_fields FROM {ARTICLE} WHERE id = %s",
            [corrected.pk],
        ).fetchone()
        versions = conn.execute(
            "SELECT object_id, comment FROM reversion_version v"
            " JOIN reversion_revision r ON r.id = v.revision_id"
        ).fetchall()
    assert restored == expected
    assert len(restored[ARTICLE]) == 3
    assert (title, body, day, fields) == (
        "الرئيس يستقبل وفد الجامعة العربية",
        "استقبل الرئيس اليوم وفدا رسميا.",
        date(2025, 5, 19),
        ["title"],
    )
    assert versions == [(str(corrected.pk), "تصحيح العنوان")]
    with connect(target) as conn:
        # Restored with the planner's statistics: reltuples is -1 until ANALYZE.
        analyzed = conn.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [ARTICLE]
        ).fetchone()[0]
    assert analyzed == 3


def test_restore_over_a_database_with_tables_needs_replace(
    make_article, fresh_database, tmp_path
):
    make_article(title="خبر أول")
    dump = tmp_path / "archive.dump"
    call_command("backup", str(dump), stdout=io.StringIO())
    target, url = fresh_database
    call_command("restore", str(dump), database_url=url, stdout=io.StringIO())
    with connect(target, autocommit=True) as conn:
        conn.execute(f"DELETE FROM {ARTICLE}")

    with pytest.raises(CommandError, match="not empty.*--replace"):
        call_command("restore", str(dump), database_url=url, stdout=io.StringIO())
    with connect(target, autocommit=True) as conn:
        assert table_rows(conn, ARTICLE) == []  # the refusal changed nothing

    call_command(
        "restore", str(dump), database_url=url, replace=True, stdout=io.StringIO()
    )
    with connect(target, autocommit=True) as conn:
        titles = conn.execute(f"SELECT title FROM {ARTICLE}").fetchall()
    assert titles == [("خبر أول",)]


def test_backup_refuses_to_overwrite_without_force(tmp_path):
    dump = tmp_path / "archive.dump"
    dump.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="--force"):
        call_command("backup", str(dump), stdout=io.StringIO())
    assert dump.read_bytes() == b"an older backup"
    call_command("backup", str(dump), force=True, stdout=io.StringIO())
    assert dump.read_bytes().startswith(b"PGDMP")  # custom format's magic


@pytest.mark.parametrize(
    "content, message",
    [(None, "no dump file"), (b"not a dump at all", "not a readable dump")],
)
def test_restore_of_a_missing_or_corrupt_file_says_so(
    content, message, fresh_database, tmp_path
):
    dump = tmp_path / "archive.dump"
    if content is not None:
        dump.write_bytes(content)
    _, url = fresh_database
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(dump), database_url=url, stdout=io.StringIO())

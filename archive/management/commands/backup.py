"""Dump the whole database to one file that ``restore`` can bring back."""

from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive.ops.backup import dump_database
from archive.ops.postgres import PG_BIN_ENV, BackupError, find_pg_bin, human_size


class Command(BaseCommand):
    help = (
        "Write a pg_dump custom-format dump of the configured database "
        "(articles, editors' corrections, revisions, users) to PATH."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the dump file to write")
        parser.add_argument(
            "--force", action="store_true", help="overwrite PATH if it exists"
        )
        parser.add_argument(
            "--pg-bin",
            help=f"directory of pg_dump (default: ${PG_BIN_ENV}, the embedded "
            "server's own, or PATH)",
        )

    def handle(self, *args, path, force, pg_bin, **options):
        if path.exists() and not force:
            raise CommandError(f"{path} exists; pass --force to overwrite it")
        if not path.parent.is_dir():
            raise CommandError(f"no directory {path.parent} to write {path.name} in")
        try:
            articles = dump_database(
                path, connection.settings_dict, find_pg_bin(pg_bin)
            )
        except (BackupError, psycopg.Error) as exc:
            # psycopg's: the server refused a connection or lacks the tables.
            raise CommandError(str(exc).strip()) from None
        size = human_size(path.stat().st_size)
        self.stdout.write(f"wrote {path} ({size}, {articles} articles)")

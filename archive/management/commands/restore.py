"""Bring a ``backup`` dump back into a database."""

from pathlib import Path

import psycopg
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from archive.ops.postgres import PG_BIN_ENV, BackupError, count_contents, find_pg_bin
from archive.ops.restore import restore_database
from config.database import database_from_url


class Command(BaseCommand):
    help = (
        "Restore a dump written by `backup` into the configured database, or the "
        "one --database-url names. A database that has tables needs --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the dump file to read")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="drop the objects the dump holds and restore them from the dump",
        )
        parser.add_argument(
            "--database-url",
            help="restore into this database (postgres://...) instead of the "
            "configured one",
        )
        parser.add_argument(
            "--pg-bin",
            help=f"directory of pg_restore (default: ${PG_BIN_ENV}, the embedded "
            "server's own, or PATH)",
        )

    def handle(self, *args, path, replace, database_url, pg_bin, **options):
        target = self.target_database(database_url)
        try:
            restore_database(path, target, find_pg_bin(pg_bin), replace=replace)
            counts = count_contents(target)
        except (BackupError, psycopg.Error) as exc:
            # psycopg's: the server refused a connection or lacks the tables.
            raise CommandError(str(exc).strip()) from None
        self.stdout.write(
            f"restored {path} into {target['NAME']}: {counts['articles']} articles, "
            f"{counts['versions']} revision versions"
        )

    def target_database(self, database_url: str | None) -> dict:
        if not database_url:
            return connection.settings_dict
        try:
            return database_from_url(database_url)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

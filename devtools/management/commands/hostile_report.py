"""Hostile input against the whole site, in a scratch database: one row per class
(archive.hostile), with how every attempt ended."""

import contextlib
import io
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import override_settings

from devtools import hostile
from devtools.scratch import scratch_database

SCRATCH_NAME = "archive_bench_hostile"


class Command(BaseCommand):
    help = "Run the fixed hostile inputs (archive.hostile) and print how each ended."

    def handle(self, *args, **options):
        with (
            scratch_database(name=SCRATCH_NAME),
            override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False),
            _quiet_request_log(),
        ):
            cache.clear()
            seeds = settings.BASE_DIR / "seeds"
            call_command(
                "import_articles", str(seeds), quiet=True, stdout=io.StringIO()
            )
            admin = get_user_model().objects.create_superuser(
                "hostile", "hostile@example.org", "unused-password"
            )
            # A 500 is counted as one, not raised in the middle of the report.
            client = Client(raise_request_exception=False)
            tallies = list(hostile.run_report(client, admin))
        self._print(tallies)
        failures = sum(len(t.unexpected) for t in tallies)
        if failures:
            raise CommandError(f"{failures} hostile inputs got an unexpected answer")

    def _print(self, tallies):
        w = self.stdout.write
        w(f"{'class':28}{'tried':>6}  how they ended")
        for tally in tallies:
            endings = ", ".join(
                f"{end}: {n}" for end, n in sorted(tally.endings.items())
            )
            w(f"{tally.name:28}{tally.tried:6}  {endings}")
        total = sum(t.tried for t in tallies)
        errors = sum(n for t in tallies for end, n in t.endings.items() if end == "500")
        w(f"{'total':28}{total:6}  500: {errors}")
        for tally in tallies:
            for line in tally.unexpected:
                w(self.style.ERROR(f"unexpected ({tally.name}): {line}"))


@contextlib.contextmanager
def _quiet_request_log():
    """Every 404 and 400 is logged as a warning: hundreds of lines here. Errors
    (a 500) still are."""
    loggers = [logging.getLogger(n) for n in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    # TooManyFieldsSent is logged as an error, though it is a 400 by design.
    logging.getLogger("django.security.TooManyFieldsSent").setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        logging.getLogger("django.security.TooManyFieldsSent").setLevel(logging.NOTSET)

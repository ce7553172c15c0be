"""What a bulk write without ANALYZE costs the pages, measured on one fresh archive.

N synthetic articles are generated into a scratch database with autovacuum off on
its tables (as on CI machines), so the planner has no statistics; the prefetch of a
search page's 20 articles (outlet, speakers, themes) and the whole search page are
timed; then ``archive.ops.statistics.analyze_tables`` runs, as every bulk writer now
does, and the same is timed again, in the same run.
"""

import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from archive.models import Article
from archive.ops.statistics import ARCHIVE_MODELS, analyze_tables
from devtools.benchmarks import CITATION, DEFAULT_CORPUS, timings
from devtools.generate import generate
from devtools.scratch import SCRATCH_NAME, scratch_database

SEARCH = "/search/?q=الصين"


class Command(BaseCommand):
    help = "Print page times on a fresh archive before and after ANALYZE."

    def add_arguments(self, parser):
        parser.add_argument("--generated", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, generated, repeat, **options):
        w = self.stdout.write
        with scratch_database(name=f"{SCRATCH_NAME}_statistics_{generated}"):
            _autovacuum(False)
            generate(generated, DEFAULT_CORPUS, write=lambda *_: None, analyze=False)
            w(f"{Article.objects.count()} articles, generated; {CITATION}")
            ids = list(Article.objects.newest_first().values_list("pk", flat=True)[:20])
            with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
                before = _measure(ids, repeat)
                start = time.perf_counter()
                tables = analyze_tables()
                took = time.perf_counter() - start
                after = _measure(ids, repeat)
            _autovacuum(True)
        w(f"ANALYZE of {len(tables)} tables: {took:.1f} s")
        heading = f"p50 / p95 ms, {repeat} runs"
        w(f"{heading:42}{'no statistics':>18}{'analyzed':>18}")
        for label in before:
            b, a = before[label], after[label]
            w(
                f"{label:42}{b['p50']:9.1f} /{b['p95']:7.1f}"
                f"{a['p50']:9.1f} /{a['p95']:7.1f}"
            )


def _measure(ids: list[int], repeat: int) -> dict:
    client = Client()

    def page():
        cache.clear()  # the counts too, as on a first request
        response = client.get(SEARCH)
        assert response.status_code == 200, response.status_code

    return {
        "prefetch of the 20 shown articles": timings(
            lambda: list(Article.objects.filter(pk__in=ids).with_relations()), repeat
        ),
        f"search page {SEARCH}": timings(page, repeat),
    }


def _autovacuum(on: bool) -> None:
    """Autovacuum on or off for the archive's tables: off, it cannot ANALYZE them
    behind the benchmark's back."""
    with connection.cursor() as cursor:
        for model in ARCHIVE_MODELS:
            table = model._meta.db_table
            cursor.execute(f'ALTER TABLE "{table}" SET (autovacuum_enabled = {on})')

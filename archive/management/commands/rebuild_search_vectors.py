"""Recompute every search vector, after the analyzer or its lexicons change."""

import time

from django.core.management.base import BaseCommand

from archive.search.indexing import rebuild_search_vectors


class Command(BaseCommand):
    help = "Recompute the search vectors of all articles (in batches)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, batch, **options):
        start = time.perf_counter()
        total = rebuild_search_vectors(batch)
        seconds = time.perf_counter() - start
        self.stdout.write(f"rebuilt {total} search vectors in {seconds:.1f} s")

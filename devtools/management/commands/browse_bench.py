"""Server time of the browse pages, in a scratch database: the corpus sample, or N
synthetic articles (``--generated``, devtools.generate). ``uncached``: the first
request, counts not yet cached; p50..p99: counts cached; ``cached``: the p95 of the
whole page from the page cache (archive.web.pagecache)."""

import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import Client

from devtools.benchmarks import (
    add_bench_arguments,
    bench_database,
    browse_pages,
    page_cache_hits,
    timings,
)

TARGET_MS = 50


class Command(BaseCommand):
    help = "Print p50/p95 server times of every browse page type."

    def add_arguments(self, parser):
        add_bench_arguments(parser)

    def handle(self, *args, repeat, keep, generated, **options):
        with bench_database(keep, self.stdout.write, generated) as total:
            self.stdout.write(f"{total} articles; {repeat} runs per page; times in ms")
            self._run(repeat)

    def _run(self, repeat):
        client = Client()
        w = self.stdout.write
        w(f"{'page':28}{'p50':>8}{'p95':>8}{'p99':>8}{'uncached':>10}{'cached':>8}")
        for label, url in browse_pages():
            # The first request computes the counts (facets, charts, calendars)
            # that the following ones share for archive.web.cache.TTL seconds.
            cache.clear()
            start = time.perf_counter()
            response = client.get(url)
            cold = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            t = timings(lambda u=url: client.get(u), repeat)
            hit = page_cache_hits(client, url, repeat)
            flag = "" if t["p95"] <= TARGET_MS else "  over the 50 ms target"
            w(
                f"{label:28}{t['p50']:8.1f}{t['p95']:8.1f}{t['p99']:8.1f}"
                f"{cold:10.1f}{hit['p95']:8.1f}{flag}"
            )

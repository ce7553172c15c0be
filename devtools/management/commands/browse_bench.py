"""Server time of the browse pages, in a scratch database: the corpus sample, or N
synthetic articles (``--generated``, devtools.generate). ``uncached``: a request
with the counts not cached (the second such, measured as ``before`` is);
p50..p99: counts cached; ``cached``: the p95 of the whole page from the page cache
(archive.web.pagecache). ``--baseline LEVER`` adds ``before``: the same request
without one of issue 15's levers (devtools.baseline; ``tallies``: counted from
the articles), timed in the same run."""

import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import Client

from devtools import baseline as old
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
        old.add_baseline_argument(parser)

    def handle(self, *args, repeat, keep, generated, baseline, **options):
        self.baseline = baseline
        with bench_database(keep, self.stdout.write, generated) as total:
            self.stdout.write(f"{total} articles; {repeat} runs per page; times in ms")
            self._run(repeat)

    def _run(self, repeat):
        client = Client()
        w = self.stdout.write
        w(
            f"{'page':28}{'p50':>8}{'p95':>8}{'p99':>8}{'uncached':>10}{'cached':>8}"
            + (f"{'before':>8}" if self.baseline else "")
        )
        pages = browse_pages()
        befores = {}
        if self.baseline:
            with old.old_path(self.baseline):  # the indexes dropped once
                for _, url in pages:
                    if old.timed_as_before(url, self.baseline):
                        _first(client, url)  # the same database pages read
                        befores[url] = f"{_first(client, url):8.1f}"
        for label, url in pages:
            # The first request computes the counts (facets, charts, calendars)
            # that the following ones share until the next write.
            _first(client, url)  # measured as ``before``: the database pages read
            cold = _first(client, url)
            before = befores.get(url, " " * 8 if self.baseline else "")
            t = timings(lambda u=url: client.get(u), repeat)
            hit = page_cache_hits(client, url, repeat)
            flag = "" if t["p95"] <= TARGET_MS else "  over the 50 ms target"
            w(
                f"{label:28}{t['p50']:8.1f}{t['p95']:8.1f}{t['p99']:8.1f}"
                f"{cold:10.1f}{hit['p95']:8.1f}{before}{flag}"
            )


def _first(client, url: str) -> float:
    """Milliseconds of a request with the counts cache emptied."""
    cache.clear()
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed

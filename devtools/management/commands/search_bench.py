"""Server time of search pages, in a scratch database: the corpus sample, or N
synthetic articles (``--generated``, devtools.generate).

Each case is the full page a reader gets (results, count, facets, snippets), rendered
by the real view through Django's test client (no network in the timing). The
shared counts cache is emptied before every request, so each one does the whole
work of a query nobody asked before (the page cache is off for those timings). The
``cached`` column is the p95 of the same page served from the page cache
(archive.web.pagecache), as to a reader who asks for a page someone else asked for
since the last write. Cases over the target print the plan of their slowest query
with ``--explain``. ``--baseline LEVER`` adds the p95 of each page without
one of issue 15's levers (devtools.baseline: ``tallies``, the counts kept on write;
``indexes``, the oldest-first and outlet-date indexes), timed in the same run.
"""

from urllib.parse import urlencode

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.models import Outlet
from devtools import baseline as old
from devtools.benchmarks import (
    add_bench_arguments,
    bench_database,
    browse_pages,
    page_cache_hits,
    timings,
)

TARGET_MS = 150
BROWSE_TARGET_MS = 50
CASES = [
    ("common word", {"q": "الصين"}),
    ("mid-frequency word", {"q": "لافروف"}),
    ("rare word", {"q": "حميميم"}),
    ("phrase", {"q": '"الحزام والطريق"'}),
    ("common word + outlet", {"q": "روسيا", "outlet": "__busiest__"}),
    ("date range", {"q": "روسيا", "date_from": "2018-03-01", "date_to": "2018-03-31"}),
    ("Latin alias", {"q": "Putin"}),
    ("prefix", {"q": "اقتصا*"}),
    ("exclusions only", {"q": "-أوكرانيا"}),
    ("exclusions + outlet", {"q": "-أوكرانيا", "outlet": "__busiest__"}),
    ("proximity", {"q": '"بوتين شي"~5'}),
    ("proximity NEAR/10", {"q": "روسيا NEAR/10 الصين"}),
    ("title field", {"q": "title:روسيا"}),
    ("parentheses", {"q": "(الصين OR الهند) روسيا -أوكرانيا"}),
    ("typo (did you mean)", {"q": "روسياا"}),
]
SORTS = [
    ("relevance", {}),
    ("newest", {"sort": "newest"}),
    ("oldest", {"sort": "oldest"}),
]


class Command(BaseCommand):
    help = "Print p50/p95/p99 server times of search pages and the API."

    def add_arguments(self, parser):
        add_bench_arguments(parser)
        parser.add_argument(
            "--explain",
            action="store_true",
            help="EXPLAIN (ANALYZE, BUFFERS) the slowest query of a case over target",
        )
        parser.add_argument(
            "--case",
            action="append",
            default=[],
            help=(
                "only the search cases whose name holds this (repeatable),"
                " no browse pages"
            ),
        )

        old.add_baseline_argument(parser)
        parser.add_argument(
            "--first",
            action="store_true",
            help=(
                "each case once by relevance, then once again: with the database's"
                " caches emptied beforehand (restart PostgreSQL, drop the OS page"
                " cache), the first figure is a cold cache's"
            ),
        )

    def handle(
        self, *args, repeat, keep, generated, explain, case, first, baseline, **options
    ):
        self.baseline = baseline
        self.cases = [c for c in CASES if not case or any(n in c[0] for n in case)]
        with bench_database(keep, self.stdout.write, generated) as total:
            if first:
                self._first(total)
                return
            self.stdout.write(
                f"{total} articles; {repeat} runs per case; times in ms; "
                f"counts cache emptied before every request; target p95 {TARGET_MS}"
            )
            self._run(repeat, explain)

    def _first(self, total):
        """Each case's first request and the same request again, in order (the
        cases share some index pages, as readers' requests do)."""
        client = Client()
        w = self.stdout.write
        busiest = Outlet.objects.order_by("-articles__id").first()
        # The Python side warm (the analyzer's tables, the templates): only the
        # database's pages are to be cold.
        _get(client, "/search/?q=%D8%AA%D8%AC%D8%B1%D8%A8%D8%A9")
        w(f"{total} articles; each case once, then again; ms; counts cache emptied")
        w(f"{'case':34}{'first':>8}{'again':>8}")
        for label, params in self.cases:
            params = {
                k: (busiest.slug if v == "__busiest__" else v)
                for k, v in params.items()
            }
            url = f"/search/?{urlencode(params)}"
            once, again = (timings(lambda u=url: _cold(client, u), 1, 0)["p50"]
                           for _ in range(2))  # fmt: skip
            w(f"{label:34}{once:8.0f}{again:8.0f}")

    def _run(self, repeat, explain):
        client = Client()
        busiest = (
            Outlet.objects.filter(articles__isnull=False)
            .order_by("-articles__id")
            .values_list("slug", flat=True)
            .first()
        )
        w = self.stdout.write
        w(
            f"{'case':34}{'sort':>10}{'p50':>8}{'p95':>8}{'p99':>8}"
            f"{'API p50':>9}{'API p95':>9}{'cached':>8}"
            + (f"{'before':>8}" if self.baseline else "")
            + "  hits"
        )
        over = []
        queries = [
            (label, sort, urlencode({
                k: (busiest if v == "__busiest__" else v)
                for k, v in {**params, **extra}.items()
            }))
            for label, params in self.cases
            for sort, extra in SORTS
        ]  # fmt: skip
        befores = self._befores([f"/search/?{q}" for _, _, q in queries], repeat)
        for label, sort, query in queries:
            page = timings(lambda q=query: _cold(client, f"/search/?{q}"), repeat)
            api = timings(lambda q=query: _cold(client, f"/api/search/?{q}"), repeat)
            hit = page_cache_hits(client, f"/search/?{query}", repeat)
            before = befores.get(f"/search/?{query}", " " * 8 if befores else "")
            data = _cold(client, f"/api/search/?{query}").json()
            hits = f"{'' if data['count_exact'] else '~'}{data['count']}"
            flag = "" if page["p95"] <= TARGET_MS else "  over target"
            w(
                f"{label:34}{sort:>10}{page['p50']:8.1f}{page['p95']:8.1f}"
                f"{page['p99']:8.1f}{api['p50']:9.1f}{api['p95']:9.1f}"
                f"{hit['p95']:8.1f}{before}  {hits}{flag}"
            )
            if flag:
                over.append(f"/search/?{query}")
        if len(self.cases) < len(CASES):
            self._explain_all(client, over, explain)
            return
        w(f"\nbrowse pages, target p95 {BROWSE_TARGET_MS}; warm: the list's")
        w("counts cached, as between visitors; cold: emptied before each request;")
        w("cached: the whole page from the page cache; before: cold by the old path")
        w(
            f"{'page':34}{'p50':>8}{'p95':>8}{'p99':>8}{'cold p50':>10}"
            f"{'cold p95':>10}{'cached':>8}"
            + (f"{'before':>8}" if self.baseline else "")
        )
        pages = browse_pages()
        befores = self._befores([url for _, url in pages], repeat)
        for label, url in pages:
            _get(client, url)
            warm = timings(lambda u=url: _get(client, u), repeat)
            cold = timings(lambda u=url: _cold(client, u), repeat, warmup=0)
            hit = page_cache_hits(client, url, repeat)
            before = befores.get(url, " " * 8 if befores else "")
            flag = "" if warm["p95"] <= BROWSE_TARGET_MS else "  over target (warm)"
            w(
                f"{label:34}{warm['p50']:8.1f}{warm['p95']:8.1f}{warm['p99']:8.1f}"
                f"{cold['p50']:10.1f}{cold['p95']:10.1f}{hit['p95']:8.1f}"
                f"{before}{flag}"
            )
        self._explain_all(client, over, explain)

    def _befores(self, urls: list[str], repeat: int) -> dict[str, str]:
        """Each page's p95 without the --baseline levers, counts cache emptied,
        as a column; the pages of one table in one go (the indexes dropped once
        for them). A page that was never timed so is left blank
        (``timed_as_before``)."""
        urls = [u for u in urls if old.timed_as_before(u, self.baseline)]
        if not self.baseline or not urls:
            return {}
        client, befores = Client(), {}
        with old.old_path(self.baseline):
            for url in urls:
                t = timings(lambda u=url: _cold(client, u), repeat)
                befores[url] = f"{t['p95']:8.1f}"
        return befores

    def _explain_all(self, client, over, explain):
        if explain:
            for url in over:
                self._explain(client, url)

    def _explain(self, client, url):
        """The plan of the slowest query of one request, replayed with the planner
        switches (SET LOCAL) that preceded it."""
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = captured.captured_queries
        slowest = max(
            (
                i
                for i, q in enumerate(queries)
                if q["sql"].lstrip().startswith("SELECT")
            ),
            key=lambda i: float(queries[i]["time"]),
        )
        switches = [
            q["sql"] for q in queries[:slowest] if q["sql"].startswith("SET LOCAL")
        ]
        self.stdout.write(
            f"\nEXPLAIN {url} ({float(queries[slowest]['time']) * 1000:.0f} ms)"
        )
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            for sql in switches[-3:]:
                cursor.execute(sql)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[slowest]["sql"])
            for (line,) in cursor.fetchall():
                self.stdout.write(line)
            cursor.execute("ROLLBACK")


def _cold(client, url):
    cache.clear()
    return _get(client, url)


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response

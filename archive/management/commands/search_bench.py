"""Server time of search pages over the corpus sample, in a scratch database.

Each case is the full page a reader gets: results, count, facets and snippets,
rendered by the real view through Django's test client (no network in the timing).
"""

from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.test import Client

from archive.benchmarks import (
    bench_database,
    timings,
)
from archive.models import Article, Outlet

CASES = [
    ("common word", {"q": "الصين"}),
    ("common word, newest first", {"q": "الصين", "sort": "newest"}),
    ("mid-frequency word", {"q": "لافروف"}),
    ("rare word", {"q": "حميميم"}),
    ("phrase", {"q": '"الحزام والطريق"'}),
    ("common word + outlet", {"q": "روسيا", "outlet": "__busiest__"}),
    ("date range", {"q": "روسيا", "date_from": "2018-03-01", "date_to": "2018-03-31"}),
    ("Latin alias", {"q": "Putin"}),
    ("no query, newest first", {}),
]


class Command(BaseCommand):
    help = "Print p50/p95/p99 server times of search pages and the API."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
        parser.add_argument(
            "--generated",
            type=int,
            default=0,
            help="instead of the corpus, N synthetic articles (generate_corpus)",
        )

    def handle(self, *args, repeat, keep, generated, **options):
        with bench_database(keep, self.stdout.write, generated) as total:
            self.stdout.write(f"{total} articles; {repeat} runs per case; times in ms")
            self._run(repeat)

    def _run(self, repeat):
        client = Client()
        busiest = (
            Outlet.objects.filter(articles__isnull=False)
            .order_by("-articles__id")
            .values_list("slug", flat=True)
            .first()
        )
        self.stdout.write(
            f"{'case':36}{'page p50':>9}{'p95':>7}{'p99':>7}{'API p50':>9}{'hits':>7}"
        )
        for label, params in CASES:
            params = {
                k: (busiest if v == "__busiest__" else v) for k, v in params.items()
            }
            query = urlencode(params)
            page = timings(lambda q=query: _get(client, f"/search/?{q}"), repeat)
            api_response = _get(client, f"/api/search/?{query}")
            api = timings(lambda q=query: _get(client, f"/api/search/?{q}"), repeat)
            hits = api_response.json()["count"]
            self.stdout.write(
                f"{label:36}{page['p50']:9.1f}{page['p95']:7.1f}{page['p99']:7.1f}"
                f"{api['p50']:9.1f}{hits:7d}"
            )
        article = Article.objects.order_by("-id").first()
        detail = timings(
            lambda: _get(client, f"/articles/{article.pk}/?q=روسيا"), repeat
        )
        self.stdout.write(
            f"{'article page (q=روسيا)':36}{detail['p50']:9.1f}"
            f"{detail['p95']:7.1f}{detail['p99']:7.1f}"
        )


def _get(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response

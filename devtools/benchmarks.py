"""Shared plumbing for the measuring commands: a scratch database with the corpus.

The corpus is ../shared/corpus/articles.jsonl, the ANT Corpus sample (A. Chouigui,
O. Ben Khiroun, B. Elayeb, AICCSA 2017 and AJSE 46(8) 2021; https://antcorpus.github.io).
It is imported into a separate database (``test_<name>``), never into the archive's own.
"""

import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test.utils import override_settings

from archive.ingest import Importer
from archive.models import Article, Outlet, Person, Theme
from archive.search.indexing import rebuild_search_vectors
from devtools import baseline
from devtools.generate import generate
from devtools.scratch import SCRATCH_NAME, scratch_database

DEFAULT_CORPUS = settings.BASE_DIR.parent / "shared" / "corpus" / "articles.jsonl"
CITATION = (
    "corpus: ANT Corpus sample, ../shared/corpus (Chouigui, Ben Khiroun, Elayeb, "
    "AICCSA 2017; AJSE 2021; https://antcorpus.github.io)"
)


def ensure_corpus(corpus: Path = DEFAULT_CORPUS, write=print) -> int:
    """Import the corpus unless the scratch database already holds it, in which
    case its search vectors are rebuilt (the analyzer may have changed)."""
    lines = sum(1 for line in corpus.open("rb") if line.strip())
    have = Article.objects.filter(source_id__startswith="ant-").count()
    if have >= lines:
        start = time.perf_counter()
        rebuild_search_vectors()
        write(f"rebuilt the search vectors in {time.perf_counter() - start:.0f} s")
    else:
        start = time.perf_counter()
        importer = Importer()
        try:
            for _ in importer.import_path(corpus):
                pass
        finally:
            importer.close()
        # Importer.close() has ANALYZEd what it wrote (archive.ops.statistics).
        write(f"imported the corpus in {time.perf_counter() - start:.0f} s")
    return Article.objects.count()


def add_bench_arguments(parser) -> None:
    """The options every timing command takes: --repeat, --keep, --generated."""
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        help="instead of the corpus, N synthetic articles (generate_corpus)",
    )


def timings(run: Callable[[], object], repeat: int, warmup: int = 2) -> dict:
    """p50/p95/p99 of ``run`` in milliseconds."""
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()

    def pct(p: float) -> float:
        return samples[min(len(samples) - 1, round(p / 100 * (len(samples) - 1)))]

    return {
        "p50": statistics.median(samples),
        "p95": pct(95),
        "p99": pct(99),
        "n": len(samples),
    }


@contextlib.contextmanager
def bench_database(keep: bool, write, generated: int = 0) -> Iterator[int]:
    """The scratch database with the corpus (or ``generated`` synthetic articles),
    vacuumed, served as in production (DEBUG off); yields the article count."""
    # One scratch database per size, so 100k and 1M can both be kept.
    name = f"{SCRATCH_NAME}_{generated}" if generated else SCRATCH_NAME
    with scratch_database(keep=keep, name=name):
        if generated:
            have = Article.objects.count()
            if have < generated:
                generate(generated - have, DEFAULT_CORPUS, write=write)
            total = Article.objects.count()
        else:
            total = ensure_corpus(write=write)
        baseline.restore_indexes(write)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        write(CITATION)
        # The page cache off: each request computes its page, as a first one does
        # (``page_cache_hits`` times the cache itself).
        with override_settings(
            ALLOWED_HOSTS=["testserver"], DEBUG=False, PAGE_CACHE=False
        ):
            yield total


def browse_pages() -> list[tuple[str, str]]:
    """(label, URL) of every kind of browse page, the busiest of each kind."""
    outlet = Outlet.objects.annotate(n=Count("articles")).order_by("-n").first()
    person = Person.objects.annotate(n=Count("articleperson")).order_by("-n").first()
    theme = Theme.objects.annotate(n=Count("articletheme")).order_by("-n").first()
    article = Article.objects.exclude(date=None).order_by("-date").first()
    y, m, d = article.date.year, article.date.month, article.date.day
    return [
        ("home", "/"),
        ("date index", "/dates/"),
        ("year", f"/dates/{y}/"),
        ("month (calendar)", f"/dates/{y}/{m}/"),
        ("day", f"/dates/{y}/{m}/{d}/"),
        ("unknown dates", "/dates/unknown/"),
        ("outlet index", "/outlets/"),
        ("outlet (busiest)", outlet.get_absolute_url()),
        ("speaker index", "/people/"),
        ("speaker (busiest)", person.get_absolute_url()),
        ("theme index", "/themes/"),
        ("theme (busiest)", theme.get_absolute_url()),
        ("filtered list, page 20", "/search/?sort=newest&page=20"),
        ("long list, page 500", "/search/?sort=newest&page=500"),
        ("article", article.get_absolute_url()),
        ("Atom feed", "/feed/?q=روسيا"),
    ]


def page_cache_hits(client, url: str, repeat: int) -> dict:
    """p50/p95/p99 of ``url`` served from the page cache (archive.web.pagecache),
    as to a reader who asks for a page someone asked for since the last write."""
    with override_settings(PAGE_CACHE=True):
        caches["pages"].clear()
        first = client.get(url)
        if first.status_code != 200 or first.get("X-Page-Cache") != "miss":
            raise RuntimeError(f"{url} was not stored in the page cache")
        return timings(lambda: client.get(url), repeat, warmup=1)

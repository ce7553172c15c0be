"""After a bulk write the planner has the statistics of what was written: without
them a fresh 100,000-article archive planned a search page's 20-article prefetch
from nothing and took 60-73 ms instead of 0.2 ms (statistics_bench)."""

import pytest
from django.core.management import call_command
from django.db import connection

from archive.models import Article, ArticleTheme
from archive.search.indexing import rebuild_search_vectors
from tests.conftest import SEEDS


def estimated_rows(model) -> float:
    """What the planner believes the table holds: -1 before any ANALYZE."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_import_of_many_articles_is_analyzed(monkeypatch):
    # Five seed pages stand for a bulk import here; the rows are this test's
    # uncommitted ones, so only this transaction's ANALYZE can have counted them.
    monkeypatch.setattr("archive.ingest.importer.BULK_ARTICLES", 5)
    call_command("import_articles", str(SEEDS), quiet=True)
    assert estimated_rows(Article) == Article.objects.count() == 5
    assert estimated_rows(ArticleTheme) == ArticleTheme.objects.count() > 0


@pytest.mark.django_db
def test_a_small_import_leaves_the_statistics_alone(monkeypatch):
    before = estimated_rows(Article)
    call_command("import_articles", str(SEEDS), quiet=True)  # 5 < BULK_ARTICLES
    assert estimated_rows(Article) == before


@pytest.mark.django_db
def test_a_rebuild_of_the_search_vectors_is_analyzed(make_article):
    for n in range(7):
        make_article(title=f"مقال {n}", body="روسيا والصين")
    assert rebuild_search_vectors() == 7
    assert estimated_rows(Article) == 7

"""Synthetic articles for benchmarks: real sentences, searchable, with metadata."""

from pathlib import Path

import pytest

from archive.analysis import build_tsvector
from archive.generate import generate
from archive.models import Article
from archive.search import search_articles

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not CORPUS.exists(), reason="../shared/corpus is not beside the repo"
)
def test_generated_articles_are_searchable_like_imported_ones():
    figures = generate(300, CORPUS, batch=100, write=lambda *_: None, records=200)
    assert figures["rate"] > 0
    assert Article.objects.count() == 300
    article = Article.objects.order_by("pk").first()
    word = article.title.split()[0]
    assert article in search_articles(Article.objects.all(), word)
    # The same lexemes as the importer's vector (positions differ only by the
    # gap the importer leaves between title and body).
    with __import__("django.db").db.connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector) = tsvector_to_array(%s::tsvector)"
            " FROM archive_article WHERE id = %s",
            [build_tsvector([(article.title, "A"), (article.body, "C")]), article.pk],
        )
        assert cursor.fetchone()[0]
    assert Article.objects.filter(articleperson__role="speaker").exists()
    assert Article.objects.exclude(date=None).count() > 250

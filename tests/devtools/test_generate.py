"""Synthetic articles for benchmarks: real sentences, searchable, with metadata, and
only ever in a scratch database."""

from pathlib import Path

import pytest
from django.db import connection

from archive.dates import DatePrecision
from archive.models import Article, ArticlePerson
from archive.search import search_articles
from archive.text import build_tsvector
from devtools.generate import BODY_SEPARATOR, article_vector, generate, load_pool
from devtools.scratch import NotScratch

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "articles.jsonl"
needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="../shared/corpus is not beside the repo"
)


@needs_corpus
def test_generated_vectors_are_the_importers_byte_for_byte():
    sentences, titles = load_pool(CORPUS, records=40)
    for start in range(0, 60, 12):
        title, body = titles[start // 12], sentences[start : start + 12]
        text = BODY_SEPARATOR.join(sentence.text for sentence in body)
        expected = build_tsvector([(title.text, "A"), (text, "C")])
        assert article_vector(title, body) == expected


@needs_corpus
@pytest.mark.django_db(transaction=True)
def test_generated_articles_are_searchable_like_imported_ones():
    figures = generate(300, CORPUS, batch=100, write=lambda *_: None, records=200)
    assert figures["rate"] > 0
    assert Article.objects.count() == 300
    generated = Article.objects.order_by("pk").first()
    word = generated.title.split()[0]
    assert generated in search_articles(Article.objects.all(), word)
    # The importer's article with the same text stores the very same vector.
    imported = Article.objects.create(
        source_id="page:same-text", title=generated.title, body=generated.body
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM archive_article WHERE id IN (%s, %s)",
            [generated.pk, imported.pk],
        )
        first, second = (row[0] for row in cursor.fetchall())
    assert first == second
    speakers = Article.objects.filter(articleperson__role=ArticlePerson.Role.SPEAKER)
    assert speakers.exists()
    assert Article.objects.exclude(date=None).count() > 250
    assert Article.objects.filter(date_precision=DatePrecision.DAY).exists()


@pytest.mark.django_db
def test_the_generator_refuses_a_database_that_is_not_scratch(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "archive")
    with pytest.raises(NotScratch, match="never to 'archive'"):
        generate(10, CORPUS, write=lambda *_: None)

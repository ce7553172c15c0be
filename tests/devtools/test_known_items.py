"""The known-item query set: generated deterministically, a third held out, and
scored as success@1, success@10, MRR and the zero-result rate.

Generation runs on a slice of the corpus (the first articles by id) to stay fast;
the committed file is checked as it stands."""

import doctest
import json
from pathlib import Path

import pytest

from archive.text import normalize_arabic
from devtools import known_items
from devtools.known_items import (
    KINDS,
    Corpus,
    bare,
    dumps,
    generate,
    held_out,
    inflections,
    load,
    load_held_out,
    score,
    split,
    surface_words,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "articles.jsonl"
needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="../shared/corpus is not beside the repo"
)
SLICE = 1500


@pytest.fixture(scope="module")
def corpus():
    return Corpus.read(CORPUS, SLICE)


@pytest.fixture(scope="module")
def sliced(corpus):
    """Queries from a slice of the corpus, and that slice's articles by id."""
    return generate(corpus, n_per_kind=30), {a.id: a for a in corpus.articles}


def test_the_docstring_examples_hold():
    failures, tried = doctest.testmod(known_items)
    assert tried > 0 and failures == 0


@needs_corpus
def test_generation_is_deterministic(sliced, corpus):
    queries, _ = sliced
    assert dumps(generate(CORPUS, n_per_kind=30, limit=SLICE)) == dumps(queries)
    assert generate(corpus, n_per_kind=30, seed=1) != queries


@needs_corpus
def test_each_kind_is_made_from_its_own_articles(sliced):
    queries, articles = sliced
    assert [q["kind"] for q in queries] == [k for k in KINDS for _ in range(30)]
    assert [q["id"] for q in queries] == [f"ki-{i:04d}" for i in range(1, 91)]
    assert len({q["article"] for q in queries}) == len(queries)
    assert all(q["article"] in articles for q in queries)


@needs_corpus
def test_title_queries_are_two_or_three_title_words(sliced):
    queries, articles = sliced
    for query in (q for q in queries if q["kind"] == "title"):
        words = [w.norm for w in surface_words(query["query"])]
        assert 2 <= len(words) <= 3
        assert set(words) <= articles[query["article"]].title_norms


@needs_corpus
def test_inflected_queries_differ_from_every_title_word(sliced):
    queries, articles = sliced
    for query in (q for q in queries if q["kind"] == "inflected"):
        words = [w.norm for w in surface_words(query["query"])]
        assert 2 <= len(words) <= 3
        assert not set(words) & articles[query["article"]].title_norms


@needs_corpus
def test_body_queries_are_body_words_not_in_the_title(sliced):
    queries, articles = sliced
    for query in (q for q in queries if q["kind"] == "body"):
        article = articles[query["article"]]
        words = [w.norm for w in surface_words(query["query"])]
        assert len(set(words)) == 3
        assert not set(words) & article.title_norms
        assert not {bare(w) for w in words} & article.title_bares
        body = {w.norm for s in article.sentences for w in s}
        assert set(words) <= body


@needs_corpus
def test_queries_are_not_generic(sliced, corpus):
    queries, _ = sliced
    position = {a.id: i for i, a in enumerate(corpus.articles)}
    for query in (q for q in queries if q["kind"] != "inflected"):
        words = [w.norm for w in surface_words(query["query"])]
        found = corpus.together(words)
        assert position[query["article"]] in found
        assert len(found) <= known_items.MAX_ARTICLES


def test_inflection_rules_give_attested_other_forms():
    forms = {form: rule for rule, form in inflections("الحكومة")}
    assert forms["حكومة"] == "article-"
    assert forms["الحكومات"] == "plural"
    assert forms["بالحكومة"] == "preposition+"
    assert forms["حكومتها"] == "possessive"
    assert "الحكومة" not in forms
    assert all(rule != "article+" for rule in forms.values())  # no «الالحكومة»
    assert ("clitic-", "الحكومة") in inflections("والحكومة")


def test_the_committed_set_has_every_kind_and_a_held_out_third():
    queries = load()
    assert len(queries) >= 500
    counts = {kind: sum(q["kind"] == kind for q in queries) for kind in KINDS}
    assert min(counts.values()) >= 150, counts
    assert len({q["id"] for q in queries}) == len(queries)
    assert len({q["article"] for q in queries}) == len(queries)
    assert all(set(q) == {"id", "kind", "query", "article"} for q in queries)
    out = load_held_out()
    assert out == held_out(queries)
    assert 0.28 <= len(out) / len(queries) <= 0.39
    dev, test = split(queries)
    assert not {q["id"] for q in dev} & {q["id"] for q in test}
    assert len(dev) + len(test) == len(queries)
    for kind in KINDS:  # every kind is held out about a third too
        share = sum(q["kind"] == kind for q in test) / counts[kind]
        assert 0.2 <= share <= 0.45, (kind, share)


@needs_corpus
def test_the_committed_set_points_at_corpus_articles():
    queries = load()
    with CORPUS.open(encoding="utf-8") as handle:
        ids = {json.loads(line)["id"] for line in handle if line.strip()}
    assert all(q["article"] in ids for q in queries)
    for query in queries:
        assert query["query"] == " ".join(query["query"].split())
        assert normalize_arabic(query["query"]).strip()


def test_score_on_a_hand_made_example():
    queries = [
        {"id": "a", "kind": "title", "query": "x", "article": "A"},
        {"id": "b", "kind": "title", "query": "x", "article": "B"},
        {"id": "c", "kind": "body", "query": "x", "article": "C"},
        {"id": "d", "kind": "body", "query": "x", "article": "D"},
    ]
    ranked = {
        "a": ["A", "X", "Y"],  # found first
        "b": ["X", "Y", "B", "Z"],  # found third
        "c": ["X", "Y"],  # results, but not the article
        "d": [],  # no results at all
        "e": ["E"],  # a query not scored is ignored
    }
    figures = score(ranked, queries)
    assert figures["all"] == pytest.approx(
        {
            "n": 4,
            "success@1": 1 / 4,
            "success@10": 2 / 4,
            "mrr": (1 + 1 / 3) / 4,
            "zero": 1 / 4,
        }
    )
    assert figures["title"] == pytest.approx(
        {"n": 2, "success@1": 0.5, "success@10": 1.0, "mrr": (1 + 1 / 3) / 2, "zero": 0}
    )
    assert figures["body"] == pytest.approx(
        {"n": 2, "success@1": 0, "success@10": 0, "mrr": 0, "zero": 0.5}
    )
    assert "inflected" not in figures


def test_score_looks_at_the_first_ten_only():
    queries = [{"id": "a", "kind": "body", "query": "x", "article": "A"}]
    late = {"a": [f"X{i}" for i in range(10)] + ["A"]}
    assert score(late, queries)["all"]["success@10"] == 0
    assert score(late, queries)["all"]["mrr"] == 0
    with pytest.raises(KeyError):
        score({}, queries)

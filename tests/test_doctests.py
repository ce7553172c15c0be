"""The examples in docstrings are part of the documentation: keep them true."""

import doctest
import importlib

import pytest

MODULES = [
    "archive.text.keys",
    "archive.text.normalize",
    "archive.text.morphology",
    "archive.text.tsvector",
    "archive.dates",
    "archive.search.query",
    "archive.search.grammar",
    "archive.search.vocabulary",
    "archive.search.highlight",
    "archive.search.plans",
    "archive.ingest.dates",
    "archive.ingest.decode",
    "archive.ingest.outlets",
    "archive.ingest.parse",
    "archive.ingest.source_ids",
    "archive.ops.postgres",
    "devtools.scratch",
    "devtools.support",
    "archive.ingest.people",
    "archive.ingest.bylines",
    "archive.web.views.articles",
    "archive.search.forms",
    "archive.search.related",
    "archive.search.holdings",
    "archive.web.filters",
]


@pytest.mark.django_db  # a query's names and places come from the registry
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0

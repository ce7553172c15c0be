"""The examples in docstrings are part of the documentation: keep them true."""

import doctest
import importlib

import pytest

MODULES = [
    "archive.analysis",
    "archive.normalize",
    "archive.morphology",
    "archive.dates",
    "archive.search",
    "archive.ingest.dates",
    "archive.ingest.extract",
    "archive.ingest.parse",
    "archive.backup",
    "archive.plans",
]


@pytest.mark.django_db  # a query's names and places come from the registry
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0

"""The labelled morphology set as a regression guard: quality must not slip.

`python manage.py search_quality` prints the full figures; this keeps the floor.
"""

import pytest

from devtools.management.commands.search_quality import (
    DATA,
    load_morphology,
    morphology_figures,
    our_matches,
)


@pytest.mark.django_db
def test_morphology_recall_and_false_matches_hold_their_floor():
    rows = load_morphology(DATA / "morphology.tsv")
    figures = morphology_figures(rows, our_matches(rows))
    assert figures["n_wanted"] >= 400
    assert figures["recall"] >= 0.95
    assert figures["false"] <= 0.08

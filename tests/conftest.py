import itertools
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, Outlet

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

_counter = itertools.count(1)


@pytest.fixture
def outlet(db):
    return Outlet.objects.get(name="سانا")


@pytest.fixture
def make_article(db):
    """Create an article; only what a test cares about needs saying."""

    def make(title="عنوان", body="نص المقال.", **fields):
        fields.setdefault("source_id", f"test:{next(_counter)}")
        fields.setdefault("raw_text", f"{title}\n{body}")
        return Article.objects.create(title=title, body=body, **fields)

    return make


@pytest.fixture
def seeded(db):
    """The five seed pages, imported as `make run` imports them."""
    call_command("import_articles", str(SEEDS), quiet=True)
    return {a.source_id: a for a in Article.objects.all()}

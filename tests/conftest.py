import importlib
import itertools
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, Outlet

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

_counter = itertools.count(1)


SEEDING_MIGRATIONS = [
    "0002_seed_outlets",
    "0004_seed_people",
    "0007_seed_titles",
    "0008_outlet_site_names",
    "0009_more_people",
    "0010_seed_themes",
    "0011_editors_group",
    "0014_registry_of_outlets",
]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached counts (archive.web.cache) and pages (archive.web.pagecache) never
    leak from one test into another: the generation they are kept under is a
    sequence, which a rolled-back test does not move back."""
    from django.core.cache import caches

    from archive.search import suggest, vocabulary

    for alias in ("default", "pages"):
        caches[alias].clear()
    vocabulary.forget()  # nor a process's copy of a rolled-back vocabulary
    suggest.forget()


@pytest.fixture(autouse=True)
def registries(request):
    """The registries the data migrations seed (outlets, people, themes).

    A transactional test (live server, worker processes) ends with a flush that
    empties every table; the next one gets them back here."""
    if "transactional_db" not in request.fixturenames and not any(
        m.kwargs.get("transaction") for m in request.node.iter_markers("django_db")
    ):
        return
    request.getfixturevalue("transactional_db")
    if Outlet.objects.exists():
        return
    from django.apps import apps

    for name in SEEDING_MIGRATIONS:
        module = importlib.import_module(f"archive.migrations.{name}")
        names = ("seed", "add", "create")
        seed = next(getattr(module, n) for n in names if hasattr(module, n))
        seed(apps, None)


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

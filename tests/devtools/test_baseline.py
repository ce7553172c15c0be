"""The benchmarks' old path (devtools.baseline) must serve the same pages as the
site, only by the old way: otherwise its «before» column times something else."""

import datetime
import inspect

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from archive.models import ArticlePerson, ArticleTheme, Outlet, Person, Theme
from archive.search import tallies
from devtools import baseline


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'archive_article'"
        )
        return {name for (name,) in cursor.fetchall()}


@pytest.fixture
def archive(make_article):
    sana = Outlet.objects.get(name="سانا")
    rt = Outlet.objects.get(name="روسيا اليوم")
    putin, xi, lavrov = Person.objects.all()[:3]
    economy = Theme.objects.first()
    dates = [
        (datetime.date(2018, 3, 5), "day", sana),
        (datetime.date(2018, 3, 1), "month", rt),
        (datetime.date(2018, 1, 1), "year", sana),
        (datetime.date(2016, 12, 31), "day", None),
        (None, "unknown", rt),
    ]
    for n, (date, precision, outlet) in enumerate(dates):
        a = make_article(
            title=f"روسيا والصين {n}",
            date=date,
            date_precision=precision,
            outlet=outlet,
        )
        speaker, other = (putin, xi) if n % 2 else (xi, putin)
        ArticlePerson.objects.create(article=a, person=speaker, role="speaker")
        if n < 2:
            ArticlePerson.objects.create(article=a, person=other, role="mentioned")
            ArticleTheme.objects.create(article=a, theme=economy)
        if n == 4:  # named, never quoted
            ArticlePerson.objects.create(article=a, person=lavrov, role="mentioned")
    return {"sana": sana, "putin": putin, "lavrov": lavrov, "economy": economy}


@pytest.mark.django_db
def test_each_recount_equals_what_the_tallies_keep(archive):
    # every count the tallies give has its recount
    assert set(baseline.RECOUNTS) == {
        name
        for name, f in vars(tallies).items()
        if inspect.isfunction(f) and f.__module__ == tallies.__name__
        and not name.startswith("_")
    }  # fmt: skip
    for name in ("total", "undated", "year_counts", "months", "outlets"):
        assert baseline.RECOUNTS[name]() == getattr(tallies, name)(), name
    assert baseline.RECOUNTS["people"]() == tallies.people()
    assert tallies.people()[archive["lavrov"].pk] == (0, 1)
    assert baseline.RECOUNTS["themes"]() == tallies.themes()
    for year in (2016, 2018):
        assert baseline.RECOUNTS["month_counts"](year) == tallies.month_counts(year)
        assert baseline.RECOUNTS["year_only"](year) == tallies.year_only(year)
    for kind, pk in (
        ("outlet", archive["sana"].pk),
        ("person", archive["putin"].pk),
        ("theme", archive["economy"].pk),
    ):
        assert baseline.RECOUNTS["articles_of"](kind, pk) == tallies.articles_of(
            kind, pk
        )
    assert tallies.year_only(2018) == 1 and tallies.month_counts(2018) == {3: 2}


# Transactional: indexes are built again only outside a transaction with pending
# foreign-key checks, as the benchmarks run.
@pytest.mark.django_db(transaction=True)
def test_the_old_path_serves_the_same_pages_and_leaves_the_indexes(client, archive):
    urls = [
        "/", "/dates/", "/dates/2018/", "/outlets/", "/people/", "/themes/",
        archive["sana"].get_absolute_url(), archive["putin"].get_absolute_url(),
        "/search/?q=روسيا&sort=oldest", "/search/?sort=newest",
    ]  # fmt: skip
    before = _indexes()
    assert set(baseline.LEVER_INDEXES) <= before

    def get(url):  # nothing from the page cache or the counts cache
        caches["default"].clear()
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content

    with override_settings(PAGE_CACHE=False):
        now = {url: get(url) for url in urls}
        recounted = []
        # the counts come from the articles, not the tallies
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_outlet_tally SET articles = articles + 7")
        with baseline.old_path(), CaptureQueriesContext(connection) as queries:
            assert not set(baseline.LEVER_INDEXES) & _indexes()
            for url in urls:
                recounted.append(get(url) == now[url])
        assert not [q["sql"] for q in queries if "_tally" in q["sql"]]
        assert get("/outlets/") != now["/outlets/"]  # the tallies read again
    assert all(recounted), dict(zip(urls, recounted, strict=True))
    assert _indexes() == before
    assert tallies.outlets()[archive["sana"].pk] == 2 + 7  # the patch is gone

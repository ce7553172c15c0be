"""The whole archive's counts kept by the database on every write (migration 0022,
archive.search.tallies) must always equal a count of the articles themselves."""

import datetime
from collections import Counter

import pytest
from django.db import transaction

from archive.models import Article, Outlet
from archive.search import tallies


def assert_true_to_the_articles():
    """Each tally against the articles themselves, counted here in Python."""
    everything = Article.objects.all()
    dated = list(everything.exclude(date=None).values_list("date", "date_precision"))
    years = Counter(d.year for d, _ in dated)
    months = Counter((d.year, d.month) for d, p in dated if p in ("day", "month"))
    assert tallies.total() == everything.count()
    assert tallies.undated() == everything.filter(date=None).count()
    assert tallies.year_counts() == sorted(years.items(), reverse=True)
    assert tallies.months() == months
    for year in years:
        by_month = {m: n for (y, m), n in months.items() if y == year}
        assert tallies.month_counts(year) == by_month
        only_year = sum(1 for d, p in dated if d.year == year and p == "year")
        assert tallies.year_only(year) == only_year
    by_outlet = {}
    for outlet_id in everything.exclude(outlet=None).values_list("outlet", flat=True):
        by_outlet[outlet_id] = by_outlet.get(outlet_id, 0) + 1
    assert tallies.outlets() == by_outlet


@pytest.mark.django_db
def test_counts_follow_every_kind_of_write(make_article):
    sana = Outlet.objects.get(name="سانا")
    rt = Outlet.objects.get(name="روسيا اليوم")
    assert tallies.total() == 0
    a = make_article(date=datetime.date(2018, 3, 5), date_precision="day", outlet=sana)
    make_article(date=datetime.date(2018, 3, 1), date_precision="month", outlet=rt)
    make_article(date=datetime.date(2017, 1, 1), date_precision="year")
    make_article()  # undated, no outlet
    assert_true_to_the_articles()
    assert tallies.total() == 4 and tallies.undated() == 1
    assert tallies.month_counts(2018) == {3: 2}
    assert tallies.year_only(2017) == 1

    # an editor's correction: another date, precision and outlet
    a.date, a.date_precision, a.outlet = datetime.date(2016, 7, 9), "day", rt
    a.save()
    assert tallies.month_counts(2018) == {3: 1}
    assert_true_to_the_articles()

    # statements over many rows, and a statement that changes no count
    Article.objects.filter(outlet=rt).update(outlet=sana)
    Article.objects.update(title="عنوان آخر")
    Article.objects.bulk_create(
        [
            Article(title=f"مقال {n}", body="نص", raw_text="نص", source_id=f"bulk:{n}",
                    date=datetime.date(2015, n, 1), date_precision="month")
            for n in range(1, 13)
        ]
    )  # fmt: skip
    assert_true_to_the_articles()
    Article.objects.filter(date__year=2015, date__month__lte=6).delete()
    assert tallies.month_counts(2015) == dict.fromkeys(range(7, 13), 1)
    assert_true_to_the_articles()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_no_count_behind(make_article):
    make_article(date=datetime.date(2018, 3, 5), date_precision="day")
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(date=datetime.date(2018, 4, 5), date_precision="day")
        raise RuntimeError("import failed")
    assert tallies.total() == 1 and tallies.month_counts(2018) == {3: 1}
    assert_true_to_the_articles()


@pytest.mark.django_db
def test_speaker_and_theme_counts_follow_their_links(make_article):
    from django.db.models import Count, Q

    from archive.models import ArticlePerson, ArticleTheme, Person, Theme

    def true_to_the_links():
        people = {
            p.pk: (p.speaks, p.named)
            for p in Person.objects.annotate(
                speaks=Count("articleperson", filter=Q(articleperson__role="speaker")),
                named=Count("articleperson"),
            ).filter(named__gt=0)
        }
        themes = {
            t.pk: t.n
            for t in Theme.objects.annotate(n=Count("articletheme")).filter(n__gt=0)
        }
        return tallies.people() == people and tallies.themes() == themes

    putin, xi = Person.objects.all()[:2]
    economy = Theme.objects.first()
    a, b = make_article(), make_article()
    ArticlePerson.objects.create(article=a, person=putin, role="speaker")
    ArticlePerson.objects.create(article=b, person=putin, role="mentioned")
    ArticlePerson.objects.create(article=b, person=xi, role="speaker")
    ArticleTheme.objects.create(article=a, theme=economy)
    assert tallies.people()[putin.pk] == (1, 2) and tallies.themes() == {economy.pk: 1}
    assert true_to_the_links()
    # an editor makes a mention a quotation; an article goes, its links with it
    ArticlePerson.objects.filter(article=b, person=putin).update(role="speaker")
    assert tallies.people()[putin.pk] == (2, 2)
    a.delete()
    assert tallies.people()[putin.pk] == (1, 1) and tallies.themes() == {}
    assert true_to_the_links()


@pytest.mark.django_db
def test_a_browse_page_counts_its_list_from_the_tallies_and_a_filter_from_the_list(
    client, make_article, monkeypatch
):
    from archive.models import ArticlePerson, Person
    from archive.search import plans

    # Lists too long to read whole (as at a million articles): counted, not read.
    monkeypatch.setattr(plans, "EXACT_LIMIT", 1)
    monkeypatch.setattr(plans, "PROBE_UP_TO", 1)
    monkeypatch.setattr(plans, "ESTIMATED_RANK_CAP", 1)
    asked = []
    kept = tallies.articles_of
    monkeypatch.setattr(
        tallies, "articles_of", lambda kind, pk: asked.append(kind) or kept(kind, pk)
    )

    putin = Person.objects.get(slug="vladimir-putin")
    sana = Outlet.objects.get(name="سانا")
    for n in range(3):
        a = make_article(
            title=f"مقال {n}", date=datetime.date(2018, 3, n + 1),
            date_precision="day", outlet=sana if n else None,
        )  # fmt: skip
        ArticlePerson.objects.create(article=a, person=putin, role="speaker")
    for url, count in [(putin.get_absolute_url(), 3), (sana.get_absolute_url(), 2)]:
        page = client.get(url)
        assert page.context["summary"]["count"] == count
        assert page.context["summary"]["exact"] is True
        # the reader's own filter: the list counts itself
        narrowed = client.get(url, {"date_from": "2018-03-03"})
        assert narrowed.context["summary"]["count"] == 1
    assert asked == ["person", "outlet"]  # once each, for the unfiltered pages

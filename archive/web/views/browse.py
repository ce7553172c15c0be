"""Browse pages: by date, outlet, speaker and theme. Each is the shared filtered list
(``lists.render_list``) under a header of its own."""

import datetime

from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.dates import DatePrecision
from archive.models import Article, Outlet, Person, Theme
from archive.search import calendar, tallies
from archive.web.cache import cached_counts
from archive.web.views.lists import render_list

QUOTES_SHOWN = 20


def date_index(request):
    # The whole archive's counts, kept on write (archive.search.tallies): no cache.
    context = {
        "years": tallies.year_counts(),
        "undated": tallies.undated(),
        "bars": calendar.coverage_bars(tallies.months()),
    }
    return render(request, "archive/date_index.html", context)


def year_detail(request, year: int):
    _check_year(year)
    counts, only_year = tallies.month_counts(year), tallies.year_only(year)
    months = [(m, calendar.month_name(m), counts.get(m, 0)) for m in range(1, 13)]
    prev, nxt = calendar.neighbours(year)
    extra = {
        "year": year,
        "months": months,
        "only_year": only_year,
        "prev": prev,
        "next": nxt,
        "heading": f"مقالات {year}",
    }
    return render_list(
        request,
        "archive/year_detail.html",
        Article.objects.filter(date__year=year),
        extra,
    )


def month_detail(request, year: int, month: int):
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404("لا يوجد شهر بهذا الرقم.")
    counts, only_month = cached_counts(
        "month",
        f"{year}-{month}",
        lambda: (
            calendar.day_counts(Article.objects.all(), year, month),
            Article.objects.filter(
                **calendar.month_span(year, month), date_precision=DatePrecision.MONTH
            ).count(),
        ),
    )
    prev, nxt = calendar.neighbours(year, month)
    extra = {
        "year": year,
        "month": month,
        "month_label": calendar.month_name(month),
        "weeks": calendar.month_calendar(year, month, counts),
        "weekdays": calendar.WEEKDAYS,
        "only_month": only_month,
        "prev": prev,
        "next": nxt,
        "heading": f"مقالات {calendar.month_name(month)} {year}",
    }
    base = Article.objects.filter(
        **calendar.month_span(year, month), date_precision__in=calendar.DAY_OR_MONTH
    )
    return render_list(request, "archive/month_detail.html", base, extra)


def day_detail(request, year: int, month: int, day: int):
    _check_year(year)
    try:
        date = datetime.date(year, month, day)
    except (ValueError, OverflowError):  # OverflowError: a day of 20 digits
        raise Http404("لا يوجد يوم بهذا التاريخ.") from None
    prev, nxt = calendar.neighbours(year, month, day)
    extra = {
        "date": date,
        "date_label": f"{day} {calendar.month_name(month)} {year}",
        "prev": prev,
        "next": nxt,
        "heading": f"مقالات {day} {calendar.month_name(month)} {year}",
    }
    # Only articles known to this very day: none dated to the month is put here.
    base = Article.objects.filter(date=date, date_precision=DatePrecision.DAY)
    return render_list(request, "archive/day_detail.html", base, extra)


def undated(request):
    extra = {"heading": "مقالات تاريخها غير معروف"}
    return render_list(
        request, "archive/browse_list.html", Article.objects.filter(date=None), extra
    )


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2100:
        raise Http404("لا توجد سنة بهذا الرقم في الأرشيف.")


def _by_slug(model, slug: str):
    # PostgreSQL text cannot hold NUL: psycopg refuses such a value (a 500) where
    # it names nothing at all.
    if "\x00" in slug:
        raise Http404("لا يوجد عنصر بهذا الاسم.")
    return get_object_or_404(model, slug=slug)


def outlet_list(request):
    counts = tallies.outlets()
    outlets = list(Outlet.objects.filter(pk__in=counts))
    for outlet in outlets:
        outlet.n = counts[outlet.pk]
    outlets.sort(key=lambda o: (-o.n, o.name))
    return render(request, "archive/outlet_list.html", {"outlets": outlets})


def outlet_detail(request, slug: str):
    outlet = _by_slug(Outlet, slug)
    extra = {"outlet": outlet, "heading": outlet.name}
    return render_list(
        request,
        "archive/outlet_detail.html",
        Article.objects.filter(outlet=outlet),
        extra,
        size=lambda: tallies.articles_of("outlet", outlet.pk),
    )


def person_list(request):
    counts = tallies.people()  # kept on write (archive.search.tallies)
    people = list(Person.objects.filter(pk__in=counts))
    for person in people:
        person.speaks, person.mentioned = counts[person.pk]
    people.sort(key=lambda p: (-p.speaks, -p.mentioned, p.name))
    return render(request, "archive/person_list.html", {"people": people})


def person_detail(request, slug: str):
    person = _by_slug(Person, slug)
    quotes = (
        person.quotes.select_related("article", "article__outlet")
        .only(
            "text", "position", "article__title", "article__date",
            "article__date_precision", "article__dateline", "article__outlet__name",
        )
        .order_by(F("article__date").desc(nulls_last=True), "position")
    )  # fmt: skip
    extra = {
        "person": person,
        "quotes": quotes[:QUOTES_SHOWN],
        "quote_count": person.quotes.count(),
        "heading": person.name,
    }
    base = Article.objects.filter(articleperson__person=person)
    size = lambda: tallies.articles_of("person", person.pk)  # noqa: E731
    return render_list(request, "archive/person_detail.html", base, extra, size)


def theme_list(request):
    counts = tallies.themes()  # kept on write (archive.search.tallies)
    themes = list(Theme.objects.all())
    for theme in themes:
        theme.n = counts.get(theme.pk, 0)
    themes.sort(key=lambda t: (-t.n, t.name))
    return render(request, "archive/theme_list.html", {"themes": themes})


def theme_detail(request, slug: str):
    theme = _by_slug(Theme, slug)
    extra = {"theme": theme, "heading": theme.name}
    return render_list(
        request,
        "archive/theme_detail.html",
        Article.objects.filter(articletheme__theme=theme),
        extra,
        size=lambda: tallies.articles_of("theme", theme.pk),
    )


def author_detail(request, slug: str):
    """Every article a person wrote, as its bylines say."""
    person = _by_slug(Person, slug)
    extra = {"person": person, "heading": f"مقالات بقلم {person.name}"}
    return render_list(
        request,
        "archive/browse_list.html",
        Article.objects.filter(authors=person),
        extra,
    )

"""The home page and the article page."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from archive.dates import DatePrecision, PartialDate, hijri_label
from archive.models import Article
from archive.search import Highlighter, tallies
from archive.search.holdings import by_outlet as holdings_by_outlet
from archive.search.holdings import empty_months
from archive.search.related import other_coverage
from archive.web.cache import cached_counts
from archive.web.citation import citation


def home(request):
    articles = Article.objects.newest_first().with_relations()[:20]
    total = tallies.total()  # kept on write: exact, and no count of a million rows
    context = {"articles": articles, "total": total}
    return render(request, "archive/home.html", context)


# What the extractor sets on an article, as the page names it.
MACHINE_MADE = {
    "people": "المتحدثون",
    "themes": "الموضوعات",
    "quotes": "الاقتباسات",
    "authors": "الكتّاب",
}


def machine_made(article: Article, **shown: bool) -> list[str]:
    """What the page shows that the extractor set and no editor confirmed: an
    editor's change to a field (``editor_fields``) confirms it."""
    return [
        label
        for field, label in MACHINE_MADE.items()
        if shown.get(field) and field not in article.editor_fields
    ]


def about(request):
    """What the archive holds (outlets, their dates, the months without articles),
    how its records are made and how reliable they are, how to cite it and how to
    report an error."""
    holdings = cached_counts("about", "", holdings_by_outlet)
    months = tallies.months()
    dated = [m for m, n in months.items() if n]
    context = {
        "total": tallies.total(),
        "undated": tallies.undated(),
        "holdings": holdings,
        "first_month": _month_label(min(dated)) if dated else None,
        "last_month": _month_label(max(dated)) if dated else None,
        "gaps": [
            (_month_label(a), _month_label(b), a == b) for a, b in empty_months(months)
        ],
        "site": request.build_absolute_uri("/"),
        "contact": settings.CONTACT_EMAIL,
    }
    return render(request, "archive/about.html", context)


def _month_label(month: tuple[int, int]) -> str:
    return PartialDate(*month).label()  # «مارس 2018», as an article's date reads


def about_extraction(request):
    """How the archive reads dates, outlets, people and themes from a page, how
    well (the held-out figures), and how to report an error."""
    context = {"contact": settings.CONTACT_EMAIL}
    return render(request, "archive/about_extraction.html", context)


def byline_parts(byline: str, authors) -> list[tuple[str, object]]:
    """The byline as written, in (text, author or None) pieces, so each author
    it names links to their page; authors it does not name follow it.

    >>> from types import SimpleNamespace as Person
    >>> author = Person(name="بن ويدمان")
    >>> parts = byline_parts("مقال لمراسل CNN، بن ويدمان", [author])
    >>> [(text, who is author) for text, who in parts]
    [('مقال لمراسل CNN، ', False), ('بن ويدمان', True)]
    """
    parts: list[tuple[str, object]] = [(byline, None)] if byline else []
    unnamed = []
    for person in authors:
        for i, (text, who) in enumerate(parts):
            if who is None and person.name in text:
                before, _, after = text.partition(person.name)
                pieces = [(before, None), (person.name, person), (after, None)]
                parts[i : i + 1] = [p for p in pieces if p[0]]
                break
        else:
            unnamed.append(person)
    return parts + [(None, person) for person in unnamed]


def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.with_relations(), pk=pk)
    q = request.GET.get("q", "")
    highlighter = Highlighter(q)
    paragraphs = [highlighter.mark(p) for p in article.body.split("\n\n")]
    title = highlighter.mark(article.title)
    first = next((i for i, p in enumerate(paragraphs) if "<mark>" in p), None)
    if first is not None:
        # The reader's link from the results lands on the first match.
        marked = paragraphs[first].replace("<mark>", '<mark id="first-match">', 1)
        paragraphs[first] = mark_safe(marked)  # highlight() escaped the text
    day = article.date_precision == DatePrecision.DAY
    context = {
        "article": article,
        "title": title,
        "paragraphs": paragraphs,
        "q": q,
        "has_match": first is not None,
        "hijri": hijri_label(article.date) if day else "",
        "quotes": article.quotes.select_related("person"),
        "related": other_coverage(article),
        "citation": citation(
            article, request.build_absolute_uri(article.get_absolute_url())
        ),
        "article_themes": article.themes.all(),
        "byline": byline_parts(article.byline, article.authors.all()),
    }
    context["machine_made"] = machine_made(
        article,
        people=bool(article.speaker_links),
        themes=bool(context["article_themes"]),
        quotes=bool(context["quotes"]),
        authors=bool(article.authors.all()),
    )
    return render(request, "archive/article_detail.html", context)

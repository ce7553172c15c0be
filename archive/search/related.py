"""Other coverage of the same event: articles a few days apart that share speakers or
themes, with near-duplicates (the same wire story) marked."""

import datetime

from django.db.models import Count, F, Q, Value

from archive.dates import DatePrecision
from archive.models import Article, ArticlePerson
from archive.text.normalize import tokenize

WINDOW_DAYS = 3
LIMIT = 8
NEAR_DUPLICATE = 0.6  # share of the shorter text's 4-word runs found in the other


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    """The text's runs of ``size`` words, spelled as normalized (no diacritics,
    one alef): a copy of the same wire story repeats its words as written, so
    the analyzer's keys (~10 ms an article in Python) are not needed.

    >>> runs = shingles("قال بوتينُ إنّ روسيا والصين")
    >>> ("قال", "بوتين", "ان", "روسيا") in runs, len(runs)
    (True, 2)
    """
    words = tokenize(text)
    return {tuple(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def similarity(a: "str | set", b: "str | set") -> float:
    """How much of the shorter text the longer one repeats (0..1); either may be
    given as its ``shingles``."""
    sa = a if isinstance(a, set) else shingles(a)
    sb = b if isinstance(b, set) else shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def other_coverage(article: Article) -> list[tuple[Article, bool]]:
    """[(article, is a near-duplicate)], closest in date and topic first."""
    if article.date is None or article.date_precision != DatePrecision.DAY:
        return []  # "a few days apart" needs a day
    people = list(
        article.articleperson_set.filter(role=ArticlePerson.Role.SPEAKER).values_list(
            "person", flat=True
        )
    )
    themes = list(article.articletheme_set.values_list("theme", flat=True))
    if not people and not themes:
        return []
    # Only the relations the article has: an empty IN inside the count makes
    # Django drop the whole query (no coverage for an article without themes).
    shared = []
    if people:
        speaker_of = Q(
            articleperson__person__in=people,
            articleperson__role=ArticlePerson.Role.SPEAKER,
        )
        shared.append(Count("articleperson", filter=speaker_of, distinct=True))
    if themes:
        on_theme = Q(articletheme__theme__in=themes)
        shared.append(Count("articletheme", filter=on_theme, distinct=True))
    window = datetime.timedelta(days=WINDOW_DAYS)
    # Articles known to the day, a few days apart: a month or a year is no "few
    # days", and the date index bounds the window tightly.
    candidates = (
        Article.objects.exclude(pk=article.pk)
        .filter(
            date_precision=DatePrecision.DAY,
            date__gte=article.date - window,
            date__lte=article.date + window,
        )
        .annotate(shared=sum(shared, Value(0)))
        .filter(shared__gt=0)
        .order_by("-shared", F("date").desc(nulls_last=True), "-id")
        .values_list("pk", flat=True)[:LIMIT]
    )
    # Ranked on ids alone; only the few shown are read whole.
    ids = list(candidates)
    found = Article.objects.select_related("outlet").in_bulk(ids)
    shown = [found[pk] for pk in ids if pk in found]
    own = shingles(article.body)
    return [(c, similarity(own, c.body) >= NEAR_DUPLICATE) for c in shown]

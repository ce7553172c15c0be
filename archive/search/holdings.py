"""What the archive holds, for the page that says so (/about/): each outlet's
articles with its first and last dates, and the months inside the archive's span
in which no article is dated."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Min

from archive.models import Article, Outlet
from archive.search import tallies


@dataclass
class Holding:
    outlet: Outlet
    articles: int
    first: datetime.date | None  # None: none of its articles is dated
    last: datetime.date | None


def by_outlet() -> list[Holding]:
    """Every outlet with articles, the busiest first. Its first and last dates
    are two probes of the (outlet, date) index, not a scan of its articles."""
    counts = tallies.outlets()
    holdings = []
    for outlet in Outlet.objects.filter(pk__in=counts):
        span = Article.objects.filter(outlet=outlet).aggregate(
            first=Min("date"), last=Max("date")
        )
        holdings.append(Holding(outlet, counts[outlet.pk], span["first"], span["last"]))
    holdings.sort(key=lambda h: (-h.articles, h.outlet.name))
    return holdings


def empty_months(months: dict[tuple[int, int], int]) -> list[tuple[tuple, tuple]]:
    """Runs of months between the first and the last month with articles in which
    none is dated (to the day or the month), as ((year, month), (year, month)).

    >>> empty_months({(2017, 11): 3, (2018, 3): 1, (2018, 4): 2, (2018, 6): 1})
    [((2017, 12), (2018, 2)), ((2018, 5), (2018, 5))]
    """
    dated = sorted(m for m, n in months.items() if n)
    if not dated:
        return []
    runs, start = [], None
    (y, m), last = dated[0], dated[-1]
    while (y, m) <= last:
        if not months.get((y, m)):
            start = start or (y, m)
            end = (y, m)
        elif start:
            runs.append((start, end))
            start = None
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return runs

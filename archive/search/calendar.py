"""Browsing by date: counts per day, month calendars, and the coverage-over-time
series drawn as a chart (the whole archive's counts per year and month are kept on
write: archive.search.tallies). Dates known only to a month or a year are
counted there and never placed on an invented day."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractDay
from django.utils.translation import ngettext

from archive.dates import MONTH_NAMES, DatePrecision

WEEKDAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
DAY_OR_MONTH = [DatePrecision.DAY, DatePrecision.MONTH]


def month_span(year: int, month: int) -> dict:
    """The lookups for dates within a month, as a range the date index reads
    (``date__month`` is EXTRACT(MONTH …), which the index cannot: a whole year's
    rows were read to find one month's, 100 ms at a million articles)."""
    start = datetime.date(year, month, 1)
    end = (
        datetime.date(year + 1, 1, 1)
        if month == 12
        else datetime.date(year, month + 1, 1)
    )
    return {"date__gte": start, "date__lt": end}


def day_counts(articles: QuerySet, year: int, month: int) -> dict[int, int]:
    rows = (
        articles.filter(**month_span(year, month), date_precision=DatePrecision.DAY)
        .annotate(d=ExtractDay("date"))
        .values_list("d")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


@dataclass
class Day:
    day: int | None  # None: a blank cell before the 1st or after the last day
    count: int = 0
    date: datetime.date | None = None


def month_calendar(year: int, month: int, counts: dict[int, int]) -> list[list[Day]]:
    """Weeks of the month, Saturday first (the Arab week), each day with its count."""
    weeks = []
    for week in calendar.Calendar(firstweekday=calendar.SATURDAY).monthdayscalendar(
        year, month
    ):
        weeks.append(
            [
                Day(d, counts.get(d, 0), datetime.date(year, month, d))
                if d
                else Day(None)
                for d in week
            ]
        )
    return weeks


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def neighbours(year: int, month: int | None = None, day: int | None = None):
    """(previous, next) as (year, month, day) tuples at the same level."""
    if day is not None:
        current = datetime.date(year, month, day)
        prev, nxt = (
            current - datetime.timedelta(days=1),
            current + datetime.timedelta(1),
        )
        return (prev.year, prev.month, prev.day), (nxt.year, nxt.month, nxt.day)
    if month is not None:
        prev = (year, month - 1) if month > 1 else (year - 1, 12)
        nxt = (year, month + 1) if month < 12 else (year + 1, 1)
        return (*prev, None), (*nxt, None)
    return (year - 1, None, None), (year + 1, None, None)


@dataclass
class Bar:
    year: int
    month: int
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str


CHART_WIDTH, CHART_HEIGHT = 720, 160
MAX_BAR_WIDTH = 24


def coverage_bars(counts: dict[tuple[int, int], int]) -> list[Bar]:
    """Bars for articles per (year, month)."""
    if not counts:
        return []
    (y0, m0), (y1, m1) = min(counts), max(counts)
    months = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        months.append((y, m))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    if len(months) < 2:
        return []  # one month is no trend: the list says it all
    top = max(counts.values())
    width = min(CHART_WIDTH / len(months), MAX_BAR_WIDTH)
    bars = []
    for i, (y, m) in enumerate(months):
        n = counts.get((y, m), 0)
        height = (CHART_HEIGHT - 20) * n / top
        # Right to left: the first month stands at the right edge.
        x = CHART_WIDTH - (i + 1) * width
        label = ngettext(
            "%(month)s %(year)s: %(count)s article",
            "%(month)s %(year)s: %(count)s articles",
            n,
        ) % {"month": month_name(m), "year": y, "count": n}
        bars.append(
            Bar(y, m, n, x, CHART_HEIGHT - height, max(width - 1, 0.5), height, label)
        )
    return bars

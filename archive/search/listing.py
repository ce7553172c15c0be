"""One list of articles, from filters to a page: the search page, every browse page
and the API.

A list is found once (``Found``), summarized once (``summarize``: count, facets,
coverage; the caller caches it, archive.web.cache) and ordered under the cheapest
plan (``order``), so that nothing is read twice and no page reads more than a
bounded number of search vectors, whatever the size of the archive
(``archive.search.plans``). The caps are read from ``plans`` at call time: one
place to set them, one place for tests to change them.
"""

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from archive.models import Article
from archive.search import plans
from archive.search.calendar import coverage_bars
from archive.search.facets import summarize as facet_summary
from archive.search.matching import WithoutMatches, search_articles
from archive.search.query import ParsedQuery
from archive.search.ranking import rank_terms, ranked


@dataclass
class Found:
    """One request's list: the filtered results, and what was read of them, so
    that nothing is read twice (archive.search.plans)."""

    results: QuerySet
    filters_only: QuerySet  # the same list without the search
    parsed: ParsedQuery | None  # the search, or None for filters alone
    excluded: ParsedQuery | None = None  # «-أوكرانيا» alone: what the list leaves out
    rows: list | None = None  # every match (plans.matching_rows), when few
    # The size of the list without the search, when the database keeps it
    # (archive.search.tallies): the whole archive, or a browse page, with no
    # filter of the reader's; counting a person's articles through the link table
    # took 150 ms at a million, the whole archive ~50 ms.
    size: Callable[[], int] | None = None
    newest: list[int] | None = None  # the newest matches (ESTIMATED_RANK_CAP)

    @functools.cached_property
    def recheck(self) -> bool:
        return plans.needs_recheck(self.parsed)

    @functools.cached_property
    def listed(self) -> int:
        """Rows of the list without the search (the planner's estimate)."""
        return plans.estimated_rows(self.filters_only)

    def newest_matches(self, matches: int) -> list[int]:
        if self.newest is None:
            self.newest = plans.newest_ids(
                self.results,
                matches,
                self.parsed is not None,
                plans.ESTIMATED_RANK_CAP,
                self.recheck,
                self.listed if self.parsed is not None else None,
            )
        return self.newest


@dataclass
class Listing:
    """A valid list's summary and the ordered ids its pages are read from, with
    the plan that reads them cheaply."""

    summary: dict
    ordered: object  # a list of ids (relevance) or a queryset of ids (date order)
    plan: Callable[[int], contextlib.AbstractContextManager]
    ranked_newest: int | None = None  # the cap, when only the newest were ranked

    @property
    def count(self) -> int:
        if isinstance(self.ordered, list):
            return len(self.ordered)
        return self.summary["count"]

    def page(self, number: int, per_page: int) -> Page:
        """Page ``number`` with its full articles; raises ``EmptyPage``.

        Ranking and ordering run on ids alone; then only the page's rows are read
        whole: sorting hundreds of wide rows (body, raw text) to keep 20 is waste."""
        paginator = Paginator(self.ordered, per_page)
        paginator.__dict__["count"] = self.count  # a cached_property: no COUNT query
        with self.plan(number * per_page):
            page = paginator.page(number)
            ids = list(page.object_list)
        articles = Article.objects.filter(pk__in=ids).with_relations().in_bulk()
        page.object_list = [articles[pk] for pk in ids if pk in articles]
        return page


def summarize(found: Found) -> dict:
    """Count, facets and coverage of a result set: exact up to EXACT_LIMIT matches
    (read once, from the indexes), estimated beyond (archive.search.plans)."""
    if found.excluded is not None and found.parsed is None:
        return _summarize_exclusions(found)
    results, searched = found.results, found.parsed is not None
    estimate = plans.estimated_rows(results)
    if searched and estimate <= plans.INDEX_COUNT_UP_TO:
        # The planner can be far off for a less common word: ask the index,
        # unless the word is common (its list alone costs 200 ms at 1M).
        alone = search_articles(Article.objects.all(), found.parsed)
        alone_estimate = plans.estimated_rows(alone)
        if alone_estimate <= plans.INDEX_COUNT_UP_TO:
            estimate = plans.index_estimate(results, estimate, alone_estimate)
    rows = None
    # A list without a search whose size the database keeps (a browse page, the
    # whole archive): read whole only when it is short; else no probe of ten
    # thousand rows to learn it is long (60 ms for an outlet at a million).
    size = found.size() if found.size and not searched else None
    if (size is None or size <= plans.EXACT_LIMIT) and (
        not searched or estimate <= plans.PROBE_UP_TO
    ):
        rows = plans.matching_rows(results)
    if rows is None:
        estimate = max(estimate, plans.EXACT_LIMIT + 1)
        newest = found.newest_matches(estimate)
        if len(newest) < plans.ESTIMATED_RANK_CAP:
            # The estimate was far off: these are all of them.
            rows = plans.matching_rows(results, plans.ESTIMATED_RANK_CAP)
    if rows is not None:
        found.rows = rows
        facets, months = facet_summary([r[0] for r in rows], rows=rows)
        return {
            "count": len(rows),
            "exact": True,
            "facets": facets,
            "bars": coverage_bars(months),
        }
    facets = facet_summary(newest)[0]
    if not searched:
        # A list without a search (the whole archive, an outlet, a year) is one
        # count over indexed columns, cached until the next write: exact, so its
        # last page is the last page. Facets stay over the newest.
        return {
            "count": size if size is not None else results.count(),
            "exact": True,
            "facets": facets,
            "facets_over": len(newest),
            "bars": [],
        }
    # Too many matches to count or aggregate quickly: an estimate, and facets over
    # the newest matches (the ones ranked), said so on the page.
    return {
        "count": estimate,
        "exact": False,
        "approximate": plans.approximate(estimate),
        "facets": facets,
        "facets_over": len(newest),
        "bars": [],
    }


def _summarize_exclusions(found: Found) -> dict:
    """«-أوكرانيا» alone: the list without the search, less what matches. Nothing
    is read over every article: the matches come from the index (bounded as a
    search's), the list's size from its own count, the facets from its newest rows
    (a walk of the date index, reading each row's vector on the way)."""
    excluded = search_articles(found.filters_only, found.excluded)
    listed = None
    if plans.estimated_rows(found.filters_only) <= plans.PROBE_UP_TO:
        listed = plans.matching_rows(found.filters_only)
    if listed is not None:  # a short list: every row, less the matches among them
        left_out = set(excluded.order_by().values_list("pk", flat=True))
        found.rows = [row for row in listed if row[0] not in left_out]
        facets, months = facet_summary([r[0] for r in found.rows], rows=found.rows)
        return {
            "count": len(found.rows),
            "exact": True,
            "facets": facets,
            "bars": coverage_bars(months),
        }
    total = found.size() if found.size else found.filters_only.count()
    # The matches are read (up to EXACT_LIMIT, from the index: ~30 ms at 1M) rather
    # than trusting the index's own count, which includes rows deleted or rolled
    # back until the next VACUUM and would cut the list short.
    matched = plans.matching_rows(excluded)
    if matched is not None:
        removed, exact = len(matched), True
    else:
        estimate = plans.estimated_rows(excluded)
        if estimate <= plans.INDEX_COUNT_UP_TO:  # the planner can be far off
            alone = search_articles(Article.objects.all(), found.excluded)
            estimate = plans.index_estimate(
                excluded, estimate, plans.estimated_rows(alone)
            )
        removed, exact = estimate, False
    walk = WithoutMatches(found.filters_only.newest_first(), found.excluded, total)
    with plans.by_date(0, plans.ESTIMATED_RANK_CAP, False):
        newest = walk[: plans.ESTIMATED_RANK_CAP]
    count = max(total - removed, len(newest))
    summary = {
        "count": count,
        "exact": exact,
        "facets": facet_summary(newest)[0],
        "facets_over": len(newest),
        "bars": [],
    }
    if not exact:
        summary["approximate"] = plans.approximate(count)
    return summary


def order(found: Found, summary: dict, sort: str) -> Listing:
    """The list in ``sort`` order ("relevance", "newest" or "oldest"), given its
    summary (shared by every page and sort of the same list)."""
    if found.parsed is not None and sort == "relevance":
        ordered, capped = _by_relevance(found, summary)
        return Listing(summary, ordered, _no_plan, capped)
    if found.rows is not None:  # every match was just read: sort them here
        ordered = plans.in_date_order(found.rows, oldest=sort == "oldest")
        return Listing(summary, ordered, _no_plan)
    if found.excluded is not None and found.parsed is None:
        # A long list of exclusions only: walk the date index, the vectors of the
        # rows on the way read to drop the matches (a page reads as many vectors
        # as it goes deep).
        listed = found.filters_only
        listed = listed.oldest_first() if sort == "oldest" else listed.newest_first()
        return Listing(
            summary,
            WithoutMatches(listed, found.excluded, summary["count"]),
            lambda wanted: plans.by_date(0, wanted, False),
        )
    return Listing(
        summary,
        found.results.values_list("pk", flat=True),
        lambda wanted: plans.by_date(
            summary["count"],
            wanted,
            found.parsed is not None,
            found.recheck,
            found.listed if found.parsed is not None else None,
        ),
    )


def _no_plan(wanted: int) -> contextlib.AbstractContextManager:
    return contextlib.nullcontext()


def _by_relevance(found: Found, summary: dict) -> tuple[list[int], int | None]:
    """The ids in relevance order, and the cap when only the newest matches were
    ranked: RANK_CAP of a list counted exactly, ESTIMATED_RANK_CAP beyond."""
    terms = rank_terms(found.parsed)
    rows = found.rows
    if rows is None and summary["exact"] and summary["count"] <= plans.RANK_CAP:
        rows = plans.matching_rows(found.results, plans.RANK_CAP)
    if rows is None and summary["exact"]:
        rows = plans.matching_rows(found.results)  # counted before: few enough
    if rows is not None:
        newest = plans.in_date_order(rows)
        capped = len(newest) > plans.RANK_CAP
        return ranked(newest[: plans.RANK_CAP], terms), (
            plans.RANK_CAP if capped else None
        )
    newest = found.newest_matches(summary["count"])
    capped = len(newest) >= plans.ESTIMATED_RANK_CAP
    return ranked(newest, terms), plans.ESTIMATED_RANK_CAP if capped else None

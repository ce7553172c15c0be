import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views import defaults

from archive import cache, plans
from archive.browse import coverage_bars, month_name
from archive.cache import cached_counts
from archive.dates import citation, hijri_label
from archive.facets import summarize
from archive.filters import ArticleFilter
from archive.models import Article, ArticlePerson, Theme
from archive.pagination import BadPage, page_number, paginate
from archive.plans import RANK_CAP
from archive.related import other_coverage
from archive.search import Highlighter, parse_query, rank_terms, search_articles


def _page_of_articles(page):
    """Rank and order on ids alone, then read the page's 20 full rows: sorting
    hundreds of wide rows (body, raw text) to keep 20 is wasted work."""
    ids = list(page.object_list)
    articles = _with_relations(Article.objects.filter(pk__in=ids)).in_bulk()
    page.object_list = [articles[pk] for pk in ids if pk in articles]
    return page


def _with_relations(queryset):
    return queryset.select_related("outlet").prefetch_related(
        Prefetch(
            "articleperson_set",
            queryset=ArticlePerson.objects.filter(role=ArticlePerson.Role.SPEAKER)
            .select_related("person")
            .order_by("person__name"),
            to_attr="speaker_links",
        ),
        Prefetch("themes", queryset=Theme.objects.order_by("name")),
    )


def home(request):
    articles = _with_relations(Article.objects.newest_first())[:20]
    total = cached_counts(
        "total", "", lambda: Article.objects.count(), ttl=cache.ARCHIVE_TTL
    )
    context = {"articles": articles, "total": total}
    return render(request, "archive/home.html", context)


def _listing(request, template: str, base=None, extra: dict | None = None):
    """A filtered, paginated list with facets and the coverage chart: the search
    page and every browse page (a date, an outlet, a person, a theme)."""
    base = base if base is not None else Article.objects.all()
    filterset = ArticleFilter(request.GET, queryset=base)
    context = {"filter": filterset, "q": request.GET.get("q", ""), **(extra or {})}
    if not filterset.is_valid():
        return render(request, template, context, status=400)
    listing = _results(request, filterset, request.path)
    try:
        page = listing.page(request)
    except BadPage as exc:
        context["error"] = str(exc)
        return render(request, template, context, status=exc.status)
    highlighter = Highlighter(context["q"])
    for article in page.object_list:
        article.snippet = highlighter.snippet(article.body)
    context["page"] = page
    context["summary"] = listing.summary
    context["ranked_newest"] = listing.ranked_newest
    context["active"] = _active_filters(filterset)
    context["facets"] = listing.summary["facets"]
    context["bars"] = listing.summary["bars"]
    return render(request, template, context)


@dataclass
class Listing:
    """A valid list's summary (count, facets, chart: cached, archive.cache) and the
    ordered ids its pages are read from, with the plan that reads them cheaply."""

    summary: dict
    ordered: object  # a list of ids (relevance) or a queryset of ids (date order)
    plan: Callable[[int], contextlib.AbstractContextManager]
    ranked_newest: int | None = None

    def page(self, request):
        wanted = page_number(request) * settings.PAGE_SIZE
        ranked = isinstance(self.ordered, list)
        count = len(self.ordered) if ranked else self.summary["count"]
        with self.plan(wanted):
            page = paginate(request, self.ordered, count=count)
            page.object_list = list(page.object_list)
        return _page_of_articles(page)


def _results(request, filterset, path: str) -> Listing:
    """The summary and the ordered ids of a valid filterset. The summary is shared
    by every page and sort of the same list; the API shares the search page's."""
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    found = _Found.of(filterset)
    summary = cached_counts(
        "list", f"{path}?{params.urlencode()}", lambda: _summary_of(found)
    )
    sort = filterset.form.cleaned_data.get("sort") or "relevance"
    if found.parsed is not None and sort == "relevance":
        ordered, capped = _by_relevance(found, summary)
        return Listing(summary, ordered, _no_plan, capped)
    if found.rows is not None:  # every match was just read: sort them here
        ordered = plans.in_date_order(found.rows, oldest=sort == "oldest")
        return Listing(summary, ordered, _no_plan)
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


def _no_plan(wanted: int):
    return contextlib.nullcontext()


@dataclass
class _Found:
    """One request's list: the filtered results, and what was read of them, so
    that nothing is read twice (archive.plans)."""

    results: object
    filters_only: object  # the same list without the search
    parsed: object  # the parsed search, or None
    recheck: bool = False
    rows: list | None = None  # every match (plans.matching_rows), when few
    newest: list[int] | None = None  # the newest matches (ESTIMATED_RANK_CAP)

    @classmethod
    def of(cls, filterset) -> "_Found":
        results = filterset.qs
        parsed = None
        if "rank" in results.query.annotations:
            parsed = parse_query(filterset.form.cleaned_data.get("q"))
        data = filterset.data.copy()
        data.pop("q", None)
        filters_only = ArticleFilter(data, queryset=filterset.queryset).qs
        return cls(results, filters_only, parsed, plans.needs_recheck(parsed))

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


def _by_relevance(found: _Found, summary: dict) -> tuple[list[int], int | None]:
    """The ids in relevance order, and the cap when only the newest matches were
    ranked: RANK_CAP of a list counted exactly, ESTIMATED_RANK_CAP beyond."""
    terms = rank_terms(found.parsed)
    rows = found.rows
    if rows is None and summary["exact"] and summary["count"] <= RANK_CAP:
        rows = plans.matching_rows(found.results, RANK_CAP)
    if rows is None and summary["exact"]:
        rows = plans.matching_rows(found.results)  # counted before: few enough
    if rows is not None:
        newest = plans.in_date_order(rows)
        capped = len(newest) > RANK_CAP
        return plans.ranked(newest[:RANK_CAP], terms), RANK_CAP if capped else None
    newest = found.newest_matches(summary["count"])
    capped = len(newest) >= plans.ESTIMATED_RANK_CAP
    return plans.ranked(newest, terms), plans.ESTIMATED_RANK_CAP if capped else None


def _summary_of(found: _Found) -> dict:
    """Count, facets and coverage of a result set: exact up to EXACT_LIMIT matches
    (read once, from the indexes), estimated beyond (archive.plans)."""
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
    if not searched or estimate <= plans.PROBE_UP_TO:
        rows = plans.matching_rows(results)
    if rows is None:
        estimate = max(estimate, plans.EXACT_LIMIT + 1)
        newest = found.newest_matches(estimate)
        if len(newest) < plans.ESTIMATED_RANK_CAP:
            # The estimate was far off: these are all of them.
            rows = plans.matching_rows(results, plans.ESTIMATED_RANK_CAP)
    if rows is not None:
        found.rows = rows
        facets, months = summarize([r[0] for r in rows], rows=rows)
        return {
            "count": len(rows),
            "exact": True,
            "facets": facets,
            "bars": coverage_bars(months),
        }
    # Too many to count or aggregate quickly: an estimate, and facets over the
    # newest matches (the ones ranked), said so on the page.
    return {
        "count": estimate,
        "exact": False,
        "approximate": plans.approximate(estimate),
        "facets": summarize(newest)[0],
        "facets_over": len(newest),
        "bars": [],
    }


def article_list(request):
    return _listing(request, "archive/article_list.html")


def _active_filters(filterset) -> list[dict]:
    """Chips for the filters in the URL, each with the link that removes it."""
    data = filterset.form.cleaned_data
    chips = []
    for name in ("outlet", "speaker", "theme"):
        for obj in data.get(name) or []:
            chips.append({"name": name, "value": obj.slug, "label": obj.name})
    if data.get("year") is not None:
        year = int(data["year"])
        chips.append({"name": "year", "value": year, "label": str(year)})
    if data.get("month") is not None:
        month = int(data["month"])
        chips.append({"name": "month", "value": month, "label": month_name(month)})
    for name, label in (("date_from", "من"), ("date_to", "إلى")):
        if data.get(name):
            chips.append(
                {
                    "name": name,
                    "value": data[name].isoformat(),
                    "label": f"{label} {data[name].isoformat()}",
                }
            )
    return chips


def article_detail(request, pk: int):
    article = get_object_or_404(_with_relations(Article.objects.all()), pk=pk)
    q = request.GET.get("q", "")
    highlighter = Highlighter(q)
    paragraphs = [highlighter.mark(p) for p in article.body.split("\n\n")]
    title = highlighter.mark(article.title)
    first = next((i for i, p in enumerate(paragraphs) if "<mark>" in p), None)
    if first is not None:
        # The reader's link from the results lands on the first match.
        marked = paragraphs[first].replace("<mark>", '<mark id="first-match">', 1)
        paragraphs[first] = mark_safe(marked)  # highlight() escaped the text
    context = {
        "article": article,
        "title": title,
        "paragraphs": paragraphs,
        "q": q,
        "has_match": first is not None,
        "hijri": hijri_label(article.date) if article.date_precision == "day" else "",
        "quotes": article.quotes.select_related("person"),
        "related": other_coverage(article),
        "citation": citation(
            article, request.build_absolute_uri(article.get_absolute_url())
        ),
        "article_themes": article.themes.all(),
    }
    return render(request, "archive/article_detail.html", context)


def _summary(request, article: Article, highlighter: Highlighter | None) -> dict:
    return {
        "id": article.pk,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "title": article.title,
        "date": article.date_iso,
        "date_precision": article.date_precision,
        "outlet": _ref(article.outlet),
        "speakers": [_ref(link.person) for link in article.speaker_links],
        "themes": [_ref(theme) for theme in article.themes.all()],
        "snippet": str(highlighter.snippet(article.body)) if highlighter else "",
    }


def _ref(obj) -> dict | None:
    if obj is None:
        return None
    return {"slug": obj.slug, "name": obj.name, "name_latin": obj.name_latin}


def _page_url(request, page_number: int) -> str:
    params = request.GET.copy()
    params["page"] = page_number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def api_search(request):
    filterset = ArticleFilter(request.GET, queryset=Article.objects.all())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    listing = _results(request, filterset, "/search/")
    summary = listing.summary
    try:
        page = listing.page(request)
    except BadPage as exc:
        return JsonResponse({"error": str(exc)}, status=exc.status)
    q = request.GET.get("q", "")
    highlighter = Highlighter(q)
    return JsonResponse(
        {
            "count": summary["count"],
            "count_exact": summary["exact"],
            "next": _page_url(request, page.next_page_number())
            if page.has_next()
            else None,
            "previous": (
                _page_url(request, page.previous_page_number())
                if page.has_previous()
                else None
            ),
            "results": [_summary(request, a, highlighter) for a in page.object_list],
            "facets": summary["facets"],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_article(request, pk: int):
    article = Article.objects.filter(pk=pk)
    article = _with_relations(article).first()
    if article is None:
        return JsonResponse({"error": "لا يوجد مقال بهذا الرقم."}, status=404)
    data = _summary(request, article, None)
    del data["snippet"]
    data.update(
        {
            "dateline": article.dateline,
            "body": article.body,
            "source_url": article.url,
            "source_file": article.source_file,
            "mentioned": [
                _ref(p)
                for p in article.people.filter(
                    articleperson__role=ArticlePerson.Role.MENTIONED
                )
            ],
        }
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def page_not_found(request, exception):
    """Every 404 (config/urls.py, ``handler404``): JSON under /api/, as the API's
    own 404s are; the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "لا يوجد شيء بهذا العنوان."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """A request Django refuses before any view (``handler400``: e.g. more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters): JSON under /api/."""
    if request.path.startswith("/api/"):
        message = "طلب غير صالح: معاملات كثيرة جدًا أو غير مفهومة."
        return JsonResponse({"error": message}, status=400)
    return defaults.bad_request(request, exception)

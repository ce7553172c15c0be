"""The search page, and the list every browse page shows under its own header."""

from django.shortcuts import render

from archive.models import Article
from archive.search import Highlighter, listing, read_query, suggest, tallies
from archive.search.calendar import month_name
from archive.search.forms import matched_forms
from archive.web.cache import cached_counts
from archive.web.filters import ArticleFilter
from archive.web.pagination import BadPage, listing_page


def list_results(
    request, filterset: ArticleFilter, path: str, size=None
) -> listing.Listing:
    """The ordered list of a valid filterset. Its summary (count, facets, chart) is
    cached and shared by every page and sort of the same list; the API shares the
    search page's. ``size``: a function giving the base list's size (the list
    before any filter or search of the reader's) without counting it; used when
    the reader added no filter, only perhaps a search."""
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    found = listing.Found(
        results=filterset.qs,
        filters_only=filterset.without_search().qs,
        parsed=filterset.parsed_query(),
        excluded=filterset.excluded_query(),
        size=None if set(params) - {"q"} else size,
    )
    summary = cached_counts(
        "list", f"{path}?{params.urlencode()}", lambda: listing.summarize(found)
    )
    sort = filterset.form.cleaned_data.get("sort") or "relevance"
    return listing.order(found, summary, sort)


def render_list(
    request, template: str, base=None, extra: dict | None = None, size=None
):
    """A filtered, paginated list with facets and the coverage chart: the search
    page and every browse page (a date, an outlet, a person, a theme). ``size``:
    see ``list_results``."""
    base = base if base is not None else Article.objects.all()
    filterset = ArticleFilter(request.GET, queryset=base)
    context = {"filter": filterset, "q": request.GET.get("q", ""), **(extra or {})}
    if not filterset.is_valid():
        return render(request, template, context, status=400)
    results = list_results(request, filterset, request.path, size)
    try:
        page = listing_page(request, results)
    except BadPage as exc:
        context["error"] = str(exc)
        context["last_page_url"] = exc.last_url
        return render(request, template, context, status=exc.status)
    highlighter = Highlighter(context["q"])
    for article in page.object_list:
        article.snippet = highlighter.snippet(article.body)
    context["page"] = page
    context["summary"] = results.summary
    context["ranked_newest"] = results.ranked_newest
    context["active"] = active_filters(filterset)
    context["facets"] = results.summary["facets"]
    context["bars"] = results.summary["bars"]
    context["matched_forms"] = list_forms(filterset, page.object_list)
    # Relevance orders a search; a list of filters or exclusions alone is by date.
    context["ranked_search"] = filterset.parsed_query() is not None
    context["understood"] = understood(context["q"])
    context["suggestions"] = list_suggestions(filterset, results.summary)
    return render(request, template, context)


def understood(q: str) -> dict | None:
    """How the search was read (``ParsedQuery.understood``), exclusions alone
    and what could not be read included; None without a search."""
    if not (q or "").strip():
        return None
    parsed = read_query(q)
    if not parsed.groups and not parsed.notes:
        return None  # nothing but punctuation: the list of everything, unsaid
    return parsed.understood()


def list_suggestions(filterset: ArticleFilter, summary: dict) -> list[dict]:
    """Did you mean (``archive.search.suggest``): only for a search that found
    fewer than ``suggest.FEW`` articles."""
    q = filterset.form.cleaned_data.get("q") or ""
    if not q.strip() or summary["count"] >= suggest.FEW:
        return []
    return suggest.did_you_mean(q, filterset.parsed_query())


def list_forms(filterset: ArticleFilter, articles) -> list:
    """Which forms of each query word the page's articles use: read from the
    articles the page shows anyway, so it costs no query (a few ms of Python)."""
    parsed = filterset.parsed_query()
    if parsed is None:
        return []
    return matched_forms(parsed, (f"{a.title}\n{a.body}" for a in articles))


def article_list(request):
    return render_list(request, "archive/article_list.html", size=tallies.total)


def active_filters(filterset: ArticleFilter) -> list[dict]:
    """Chips for the filters in the URL, each with the link that removes it."""
    data = filterset.form.cleaned_data
    chips = []
    for name in ("outlet", "speaker", "author", "theme"):
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

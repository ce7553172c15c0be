"""The JSON API: the search page's list and one article, as data."""

from django.http import JsonResponse

from archive.models import Article
from archive.search import Highlighter, tallies
from archive.web.filters import ArticleFilter
from archive.web.pagination import BadPage, listing_page, page_url
from archive.web.serialize import article_data
from archive.web.views.lists import (
    list_forms,
    list_results,
    list_suggestions,
    understood,
)

SEARCH_FIELDS = ("snippet",)
ARTICLE_FIELDS = (
    "dateline", "byline", "body", "source_url", "source_file", "mentioned",
)  # fmt: skip


def api_search(request):
    filterset = ArticleFilter(request.GET, queryset=Article.objects.all())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    results = list_results(request, filterset, "/search/", tallies.total)
    summary = results.summary
    try:
        page = listing_page(request, results)
    except BadPage as exc:
        error = {"error": str(exc)} | ({"last": exc.last_url} if exc.last_url else {})
        return JsonResponse(error, status=exc.status)
    highlighter = Highlighter(request.GET.get("q", ""))
    return JsonResponse(
        {
            "count": summary["count"],
            "count_exact": summary["exact"],
            "next": page_url(request, page.next_page_number())
            if page.has_next()
            else None,
            "previous": (
                page_url(request, page.previous_page_number())
                if page.has_previous()
                else None
            ),
            "results": [
                article_data(request, a, fields=SEARCH_FIELDS, highlighter=highlighter)
                for a in page.object_list
            ],
            "facets": summary["facets"],
            "matched_forms": list_forms(filterset, page.object_list),
            "understood": understood(request.GET.get("q", "")),
            "suggestions": list_suggestions(filterset, summary),
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_article(request, pk: int):
    article = Article.objects.filter(pk=pk).with_relations().first()
    if article is None:
        return JsonResponse({"error": "لا يوجد مقال بهذا الرقم."}, status=404)
    data = article_data(request, article, fields=ARTICLE_FIELDS)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

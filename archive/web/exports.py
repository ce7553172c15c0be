"""Feeds and exports of any result set: Atom, CSV (UTF-8 with a BOM, so Excel opens
Arabic correctly) and JSON. The same filters as the search page; at most
``EXPORT_CAP`` articles, newest first (oldest first with ``sort=oldest``): a feed or a
file is read in date order, never ranked."""

import csv
import datetime
import io
import json

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from archive.models import Article
from archive.search import plans
from archive.web.filters import ArticleFilter
from archive.web.serialize import NAME, article_data

EXPORT_CAP = 5000
FEED_SIZE = 50
COLUMNS = [
    "id", "url", "title", "date", "date_precision", "outlet", "dateline",
    "speakers", "themes", "authors", "byline", "source_url", "body",
]  # fmt: skip
ROW_FIELDS = ("dateline", "byline", "source_url", "body")


def _results(request, cap: int):
    """(up to ``cap`` articles, newest first or oldest first, read under the
    cheapest date-order plan; or None and the errors of invalid parameters)."""
    filterset = ArticleFilter(request.GET, queryset=Article.objects.all())
    if not filterset.is_valid():
        return None, filterset.errors.get_json_data()
    results = filterset.qs
    if filterset.form.cleaned_data.get("sort") == "oldest":
        ordered = results.oldest_first()
    else:
        ordered = results.newest_first()
    with plans.date_order_for(results, filterset.parsed_query(), cap):
        return list(ordered.with_relations()[:cap]), None


def _row(request, article: Article) -> dict:
    data = article_data(request, article, NAME, ROW_FIELDS)
    return {column: data[column] for column in COLUMNS}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """A spreadsheet cell that cannot run as a formula (=, +, -, @ get a ')."""
    text = (
        "؛ ".join(value)
        if isinstance(value, list)
        else ("" if value is None else str(value))
    )
    return "'" + text if text.startswith(FORMULA_START) else text


def export_csv(request):
    articles, errors = _results(request, EXPORT_CAP)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for article in articles:
        row = _row(request, article)
        writer.writerow([spreadsheet_cell(row[c]) for c in COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="archive-export.csv"'
    return response


def export_json(request):
    articles, errors = _results(request, EXPORT_CAP)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    rows = [_row(request, a) for a in articles]
    body = json.dumps(
        {"count": len(rows), "cap": EXPORT_CAP, "results": rows}, ensure_ascii=False
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="archive-export.json"'
    return response


class SearchFeed(Feed):
    """An Atom feed for any search or filter URL: /feed/?q=بوتين&outlet=sana."""

    feed_type = Atom1Feed
    language = "ar"

    def __call__(self, request, *args, **kwargs):
        filterset = ArticleFilter(request.GET, queryset=Article.objects.all())
        if not filterset.is_valid():
            return JsonResponse(
                {"errors": filterset.errors.get_json_data()}, status=400
            )
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.GET.urlencode()

    def title(self, obj):
        q = self.request.GET.get("q")
        return f"أرشيف الصين وروسيا: {q}" if q else "أرشيف الصين وروسيا: أحدث المقالات"

    def link(self, obj):
        return "/search/?" + obj if obj else "/search/"

    def feed_url(self, obj):
        # rel="self" is this feed, with its query: a reader subscribes to it.
        return "/feed/?" + obj if obj else "/feed/"

    def subtitle(self, obj):
        return "مقالات الصحافة العربية عن العلاقات الصينية الروسية"

    def items(self, obj):
        articles, _ = _results(self.request, FEED_SIZE)  # valid: checked in __call__
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom's <summary type="html">: readers render it as HTML, so the text is
        # escaped first (``<script>`` in an article is text, not markup).
        return escape(item.body[:600])

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at if item.date is None else _midnight(item.date)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.outlet.name if item.outlet else None


def _midnight(date):
    return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)

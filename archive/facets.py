"""Facet counts over a result set: outlet, speaker, theme and year."""

from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from archive.models import Article, ArticlePerson, ArticleTheme

FACET_LIMIT = 15


def facet_counts(
    results: QuerySet, limit: int = FACET_LIMIT, ids: list[int] | None = None
) -> dict[str, list[dict]]:
    """Counts for the articles of ``results`` (any filtered, ranked queryset).

    ``{"outlet": [{"slug": "sana", "name": "سانا", "count": 3}, ...], "speaker": [...],
    "theme": [...], "year": [{"slug": "2025", "name": "2025", "count": 4}, ...]}``
    """
    if ids is None:
        ids = results.order_by().values("pk")
    else:
        # One array parameter, not one parameter per id.
        ids = RawSQL("SELECT unnest(%s::bigint[])", [ids])
    outlets = (
        Article.objects.filter(pk__in=ids)
        .exclude(outlet=None)
        .values("outlet__slug", "outlet__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "outlet__name")[:limit]
    )
    speakers = (
        ArticlePerson.objects.filter(article__in=ids, role=ArticlePerson.Role.SPEAKER)
        .values("person__slug", "person__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "person__name")[:limit]
    )
    themes = (
        ArticleTheme.objects.filter(article__in=ids)
        .values("theme__slug", "theme__name")
        .annotate(count=Count("article", distinct=True))
        .order_by("-count", "theme__name")[:limit]
    )
    years = (
        Article.objects.filter(pk__in=ids)
        .exclude(date=None)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    return {
        "outlet": [_row(r, "outlet") for r in outlets],
        "speaker": [_row(r, "person") for r in speakers],
        "theme": [_row(r, "theme") for r in themes],
        "year": [
            {"slug": str(r["year"]), "name": str(r["year"]), "count": r["count"]}
            for r in years
        ],
    }


def _row(row: dict, prefix: str) -> dict:
    return {
        "slug": row[f"{prefix}__slug"],
        "name": row[f"{prefix}__name"],
        "count": row["count"],
    }

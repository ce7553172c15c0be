"""The filter behind every search: articles whose vector matches the query."""

from django.contrib.postgres.search import SearchQueryField
from django.db.models import BooleanField, F, Func, QuerySet, Value
from django.db.models.functions import Cast

from archive.search.query import ParsedQuery, parse_query
from archive.search.ranking import rank_expression


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()
    conditional = True


def exclude_matches(queryset: QuerySet, excluded: ParsedQuery) -> QuerySet:
    """«-أوكرانيا» alone: every article but those matching ``excluded``, as an
    anti-join on the matches (read from the index), never a NOT over every vector."""
    tsquery = Cast(Value(excluded.tsquery(keys_only=True)), SearchQueryField())
    matches = queryset.model.objects.filter(_Matches(F("search_vector"), tsquery))
    return queryset.exclude(pk__in=matches.values("pk"))


def without_matches(queryset: QuerySet, excluded: ParsedQuery) -> QuerySet:
    """The same list as ``exclude_matches``, as a NOT over each row's vector: the
    plan for walking the date index to a page (each row on the way reads its
    vector, ~25 µs; 20 rows for a first page), never for counting."""
    tsquery = Cast(Value(excluded.tsquery(keys_only=True)), SearchQueryField())
    return queryset.exclude(_Matches(F("search_vector"), tsquery))


def search_articles(queryset: QuerySet, text: "str | ParsedQuery") -> QuerySet:
    """Articles matching the query, annotated with ``rank``; unchanged when empty."""
    parsed = text if isinstance(text, ParsedQuery) else parse_query(text)
    if parsed is None:
        return queryset
    tsquery = Cast(Value(parsed.tsquery(keys_only=True)), SearchQueryField())
    return queryset.filter(_Matches(F("search_vector"), tsquery)).annotate(
        rank=rank_expression(parsed)
    )

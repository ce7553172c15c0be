"""Ranking: how well an article answers a query, in SQL.

The rank is a weighted sum of ``ts_rank_cd`` cover densities (``rank_terms``), used
two ways: as an expression on a queryset (``rank_expression``) and over a list of ids
read once (``ranked``), which is how lists rank their bounded set of matches
(``archive.search.listing``).
"""

from dataclasses import replace

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import F, FloatField, Func, Value
from django.db.models.functions import Cast

from archive.search.query import ParsedQuery

EXACT_BONUS = 3.0
RANK_NORMALIZATION = 1  # ts_rank_cd: divide by 1 + log(document length)
# Term-frequency saturation, BM25's idea on the cover density: a term adds
# weight * d / (d + SATURATION), so an article gains little from repeating the
# words it already holds close together (d = 0.05 is one tight cover in a page).
SATURATION = 0.05


def rank_terms(parsed: ParsedQuery) -> list[tuple[float, str]]:
    """How well an article answers the query, as (weight, tsquery) terms summed
    over ``weight * ts_rank_cd(vector, tsquery, RANK_NORMALIZATION)``:

    - the cover density of the whole query: every word, close together, title
      words (weight A) five times body words (C), divided by 1 + log(length) so
      long articles do not win by length alone;
    - three times as much again where the words stand in their exact forms, so
      the form the reader typed comes before the forms it was stemmed to.

    Each density is saturated (``SATURATION``): twelve covers in a long article
    about the subject no longer outrank the one holding the reader's words as
    typed (known items, body words: success@1 0.871 with a linear sum and an
    exact bonus of 0.5, 0.935 saturated with 3; title words 0.949 -> 0.993).

    Each word's own density, weighted by its rarity, is no longer added: it let an
    article with one rare query word in its title outrank the one holding every
    word together in its body (known items, body words: success@1 0.647 with it,
    0.878 without). Measured with ``search_quality``: see README.md.
    """
    exact = ParsedQuery(
        [[replace(c, exact=True) for c in g] for g in parsed.groups]
    ).tsquery()
    return [(1.0, parsed.tsquery()), (EXACT_BONUS, exact)]


def rank_expression(parsed: ParsedQuery):
    """``rank_terms`` as an expression over the ``search_vector`` column."""
    total = None
    for weight, tsquery in rank_terms(parsed):
        density = _cover_density(tsquery)
        term = Value(weight) * density / (density + Value(SATURATION))
        total = term if total is None else total + term
    return total


def _cover_density(tsquery: str):
    return Func(
        F("search_vector"),
        Cast(Value(tsquery), SearchQueryField()),
        Value(RANK_NORMALIZATION),
        function="ts_rank_cd",
        output_field=FloatField(),
    )


# The densities are computed once per article in the inner query (OFFSET 0
# keeps the planner from inlining them twice into the saturated sum).
RANK_SQL = """
SELECT id FROM (
    SELECT id, date, {densities} FROM archive_article WHERE id = ANY(%s) OFFSET 0
) AS scored
ORDER BY {rank} DESC, date DESC NULLS LAST, id DESC
"""


def ranked(ids: list[int], terms: list[tuple[float, str]]) -> list[int]:
    """``ids`` by relevance. ``terms`` are (weight, tsquery) pairs summed as
    ``weight * ts_rank_cd(search_vector, tsquery, normalization)``. (Handing the
    ranking functions one detoasted copy, ``search_vector || ''``, measured slower
    than letting each read the vector: the second read is from warm buffers.)"""
    if not ids:
        return []
    densities = ", ".join(
        f"ts_rank_cd(search_vector, %s::tsquery, {RANK_NORMALIZATION}) AS d{i}"
        for i in range(len(terms))
    )
    rank = " + ".join(
        f"{float(weight)!r} * d{i} / (d{i} + {SATURATION!r})"
        for i, (weight, _) in enumerate(terms)
    )
    params = [query for _, query in terms] + [ids]
    with connection.cursor() as cursor:
        cursor.execute(RANK_SQL.format(densities=densities, rank=rank), params)
        return [row[0] for row in cursor.fetchall()]

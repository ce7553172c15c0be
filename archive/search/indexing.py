"""Keeping search vectors in step with the text, in bulk."""

from django.db import connection, transaction

from archive.models import Article
from archive.ops.statistics import analyze_tables
from archive.search import vocabulary


def rebuild_search_vectors(batch: int = 1000) -> int:
    """Recompute all vectors, one transaction per batch; returns how many."""
    total, last_id = 0, 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", "title", "body")[:batch]
        )
        if not rows:
            # New vectors, new lexeme frequencies: the planner's estimates of a
            # word's matches come from these statistics (archive.ops.statistics).
            analyze_tables([Article])
            vocabulary.refresh()
            return total
        ids = [pk for pk, _, _ in rows]
        vectors = [Article(title=t, body=b).build_search_vector() for _, t, b in rows]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE archive_article a SET search_vector = v.vector::tsvector"
                " FROM unnest(%s::bigint[], %s::text[]) AS v(id, vector)"
                " WHERE a.id = v.id",
                [ids, vectors],
            )
        total += len(rows)
        last_id = ids[-1]

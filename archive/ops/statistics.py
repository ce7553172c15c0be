"""The planner's statistics after a bulk write.

PostgreSQL plans every query from the statistics ANALYZE gathers. Autovacuum
gathers them after enough rows change, but it may be off (CI machines run with
autovacuum off) or not yet have run, and a table filled in one go is then planned
as if it were tiny: on a fresh 100,000-article archive the 20-article themes and
people prefetch of a search page took 60-73 ms instead of 0.2 ms (issue 12;
``devtools`` command ``statistics_bench`` measures it). So every bulk writer (an
import of many articles, the generator, a rebuild of the vectors, a restore) ends
with ``analyze_tables``.
"""

from django.db import connection

from archive.models import (
    Article,
    ArticlePerson,
    ArticleTheme,
    Outlet,
    Person,
    Quote,
    SpeakerSuggestion,
    Theme,
)

ARCHIVE_MODELS = (
    Article,
    ArticlePerson,
    ArticleTheme,
    Quote,
    SpeakerSuggestion,
    Outlet,
    Person,
    Theme,
)
# An import of fewer articles than this changes no plan: ANALYZE would cost more
# (about a second per 100,000 articles) than it gains.
BULK_ARTICLES = 1000


def analyze_tables(models=ARCHIVE_MODELS) -> list[str]:
    """ANALYZE the tables of ``models``; returns their names."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
    return tables

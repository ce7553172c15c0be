"""Search: a reader's query and filters to article ids, counts, facets and snippets.

Every search SQL statement of the archive lives in this package; the web layer
calls it and renders. The text analysis it relies on is ``archive.text``.

- ``grammar``: the query language's grammar (lark), with its error repair;
- ``query``: a parsed query as clauses and a tsquery of quoted lexemes;
- ``aliases``: the other names of a person or place a query names;
- ``matching``: the filter every search runs (``search_articles``);
- ``ranking``: cover-density ranking, as an expression or over ids;
- ``highlight``: snippets with the query's words marked;
- ``plans``: bounded work per page at any size of the archive;
- ``listing``: one list from filters to a page, with its summary;
- ``facets``, ``calendar``: counts by outlet, person, theme and date;
- ``related``: other coverage of the same event;
- ``indexing``: search vectors rebuilt in bulk.
"""

from archive.search.highlight import Highlighter, highlight
from archive.search.matching import exclude_matches, search_articles
from archive.search.query import (
    ParsedQuery,
    parse_exclusions,
    parse_query,
    read_query,
)
from archive.search.ranking import rank_terms, ranked

__all__ = [
    "Highlighter",
    "ParsedQuery",
    "exclude_matches",
    "highlight",
    "parse_exclusions",
    "parse_query",
    "rank_terms",
    "read_query",
    "ranked",
    "search_articles",
]

"""Running today's extraction again on stored articles, for editors: after they
change a person's spellings or a theme's keywords, or on articles they chose.

Only automatic fields change (``archive.ingest.load.reextract_article``); what an
editor set is kept. An article that cannot be extracted again is reported with
its reason, never skipped in silence.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.ingest.errors import ImportFailure
from archive.ingest.load import OutletResolver, reextract_article
from archive.ingest.registry import Registry
from archive.models import Article
from archive.search import search_articles


@dataclass
class Outcome:
    done: int = 0  # extracted again
    changed: int = 0  # of which some field or relation changed
    failed: list[tuple[Article, str]] = field(default_factory=list)


def reextract(articles: Iterable[Article]) -> Outcome:
    """Today's extraction on each article, each in its own transaction."""
    registry, outlets, outcome = Registry.load(), OutletResolver(), Outcome()
    for article in articles:
        try:
            changed = reextract_article(article, registry, outlets)
        except ImportFailure as exc:
            outcome.failed.append((article, str(exc)))
            continue
        outcome.done += 1
        outcome.changed += bool(changed)
    return outcome


def reextract_matching(query: str) -> Outcome:
    """Re-extract the articles a search finds (a person's names, a theme's words)."""
    if not query:
        return Outcome()
    return reextract(search_articles(Article.objects.all(), query))


def person_query(people: Iterable) -> str:
    """A search for every name and spelling of these people."""
    names = [n for p in people for n in [p.name, *p.aliases] if n]
    return " OR ".join(f'"{n}"' for n in names)


def theme_query(themes: Iterable, most: int = 64) -> str:
    """A search for the keywords of these themes (weights after | dropped)."""
    words = [k.partition("|")[0] for t in themes for k in t.keywords]
    words = [w.replace("&", " ") for w in words if w.strip()]
    return " OR ".join(f'"{w}"' for w in words[:most])

"""Names that mean the same person or place: Putin / بوتين / فلاديمير بوتن.

A query naming one of them searches for all: the registry of people (editable in the
admin) and the gazetteer of places (``data/lexicon/places.tsv``) supply the variants.
"""

import time
from functools import cache

from archive.models import Person
from archive.text import read_table, tokenize

CACHE_SECONDS = 60
Phrase = tuple[str, ...]

_cached: tuple[float, dict[Phrase, list[Phrase]]] | None = None


def _phrase(text: str) -> Phrase:
    return tuple(tokenize(text, keep_teh_marbuta=True))


def _groups_to_table(groups: list[list[str]]) -> dict[Phrase, list[Phrase]]:
    table: dict[Phrase, list[Phrase]] = {}
    for group in groups:
        phrases = list(dict.fromkeys(p for p in map(_phrase, group) if p))
        for phrase in phrases:
            table.setdefault(phrase, [])
            table[phrase].extend(p for p in phrases if p not in table[phrase])
    return table


@cache
def place_groups() -> list[list[str]]:
    groups = []
    for row in read_table("places.tsv"):
        names = [row["name"], *(row.get("aliases") or "").split("|")]
        names += (row.get("latin") or "").split("|")
        groups.append([n for n in names if n.strip()])
    return groups


def alias_table() -> dict[Phrase, list[Phrase]]:
    """Phrase -> every phrase naming the same person or place (itself included)."""
    global _cached
    now = time.monotonic()
    if _cached and now - _cached[0] < CACHE_SECONDS:
        return _cached[1]
    groups = [
        [p.name, p.name_latin, *p.aliases]
        for p in Person.objects.only("name", "name_latin", "aliases")
    ]
    table = _groups_to_table(place_groups() + groups)
    _cached = (now, table)
    return table


def forget() -> None:
    """Drop the cache (after editors change people)."""
    global _cached
    _cached = None

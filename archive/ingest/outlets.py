"""Resolving what a page says into registry entries (outlets for now)."""

import re
from dataclasses import dataclass

from archive.text import tokenize


def name_key(name: str) -> str:
    """The form names are compared in: normalized tokens joined by spaces.

    >>> name_key("سي إن إن بالعربية") == name_key("سي ان ان بالعربيه")
    True
    """
    return " ".join(tokenize(name))


@dataclass(frozen=True)
class OutletEntry:
    name: str
    keys: frozenset[str]  # name_key of the name, Latin name and every alias
    is_wire: bool = False


def _contains(line_key: str, key: str) -> bool:
    return (
        bool(key)
        and re.search(rf"(?:^| ){re.escape(key)}(?: |$)", line_key) is not None
    )


def article_variants(key: str) -> tuple[str, ...]:
    """A name of two words or more with and without the article on its first word:
    pages write «الجوهرة أف أم» for «جوهرة أف أم». One-word names keep their form
    (العربية is not عربية).

    >>> article_variants("جوهره اف ام"), article_variants("العربيه")
    (('الجوهره اف ام',), ())
    """
    first, _, rest = key.partition(" ")
    if not rest or len(first) < 3 or first.isascii():
        return ()
    if first.startswith("ال") and len(first) > 4:
        return (f"{first[2:]} {rest}",)
    return (f"ال{first} {rest}",)


_SERVICE_WORDS = {name_key(w) for w in ("عربي", "عربية", "بالعربية", "arabic")}


def without_service_word(key: str) -> str:
    """The name without the word that marks a broadcaster's Arabic service at its
    start or end: «FRANCE 24 عربي» is فرانس 24, «Arabic RT» is RT.

    >>> without_service_word(name_key("FRANCE 24 عربي"))
    'france 24'
    """
    words = key.split()
    if len(words) > 1 and words[-1] in _SERVICE_WORDS:
        words = words[:-1]
    elif len(words) > 1 and words[0] in _SERVICE_WORDS:
        words = words[1:]
    return " ".join(words)


def find_outlet(
    candidates: list[tuple[str, str]], registry: list[OutletEntry]
) -> tuple[str | None, bool]:
    """The outlet's name and whether it is new to the registry; (None, False) if the
    page does not say.

    A wire agency in a dateline ("برلين - رويترز") is the story's source, not the
    page's outlet, so it never decides. Mastheads, "Title | Site" bars and bylines
    name the page itself, so an unknown name there becomes a new outlet.

    >>> sana = OutletEntry("سانا", frozenset({"سانا"}))
    >>> find_outlet([("dateline", "سانا")], [sana])
    ('سانا', False)
    >>> reuters = OutletEntry("رويترز", frozenset({"رويترز"}), is_wire=True)
    >>> find_outlet([("dateline", "رويترز")], [reuters])
    (None, False)
    """
    by_key = {}
    for entry in registry:
        for key in entry.keys:
            for variant in (key, *article_variants(key)):
                by_key.setdefault(variant, entry)
    for kind, text in candidates:
        key = name_key(text)
        entry = by_key.get(key) or by_key.get(without_service_word(key))
        if entry is None and kind in {"masthead", "copyright"}:
            # "© 2018 بي بي سي. جميع الحقوق محفوظة": look for a known name inside.
            inside = [e for k, e in by_key.items() if _contains(key, k)]
            entry = max(inside, key=lambda e: len(e.name), default=None)
        if entry is not None:
            if kind == "dateline" and entry.is_wire:
                continue
            return entry.name, False
        if kind in {"masthead", "site", "byline"} and key:
            return text.strip(), True
    return None, False

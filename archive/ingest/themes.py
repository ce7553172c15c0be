"""Themes from keyword lists, matched through the search analyzer.

Each theme has weighted keywords (editable in the admin, one per line, an optional
``|weight`` after the word: "منظمة شنغهاي للتعاون|1", "اقتصاد|0.5"; "الصين & روسيا"
asks for both). A keyword matches
any form the search would match (العقوبات، بالعقوبات، عقوبات). A theme's score adds up
its keywords' weights, title hits counting three times, each keyword at most three
times; themes above the threshold are assigned, strongest first.
"""

from dataclasses import dataclass

from archive.ingest.people import keys_of

TITLE_FACTOR = 3.0
MAX_HITS = 3
THRESHOLD = 2.5
MAX_THEMES = 3


@dataclass(frozen=True)
class ThemeEntry:
    slug: str
    # Each keyword is one or more phrases that must all occur ("الصين & روسيا").
    keywords: tuple[tuple[tuple[tuple[str, ...], ...], float], ...]


def build_theme(slug: str, keywords: list[str]) -> ThemeEntry:
    parsed = []
    for line in keywords:
        word, _, weight = line.partition("|")
        try:
            value = float(weight) if weight.strip() else 1.0
        except ValueError:
            value = 1.0
        phrases = tuple(k for k in (keys_of(part) for part in word.split("&")) if k)
        if phrases:
            parsed.append((phrases, value))
    return ThemeEntry(slug, tuple(parsed))


class _Text:
    """A text's search keys, indexed by key, so each keyword costs a lookup."""

    def __init__(self, text: str):
        self.keys = keys_of(text)
        self.where: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.where.setdefault(key, []).append(i)

    def count(self, phrase: tuple[str, ...]) -> int:
        n = len(phrase)
        return sum(
            1 for i in self.where.get(phrase[0], ()) if self.keys[i : i + n] == phrase
        )


def find_themes(
    title: str, body: str, themes: list[ThemeEntry]
) -> list[tuple[str, float]]:
    """(slug, score 0..1) of the themes an article is about, strongest first.

    >>> energy = build_theme("energy", ["خط أنابيب|1", "الغاز|1", "النفط|0.5"])
    >>> find_themes("خط أنابيب جديد", "صادرات الغاز الروسي إلى الصين", [energy])
    [('energy', 0.57)]
    """
    title_text, body_text = _Text(title), _Text(body)
    present = title_text.where.keys() | body_text.where.keys()
    scored = []
    for theme in themes:
        score = 0.0
        for phrases, weight in theme.keywords:
            if not all(keys[0] in present for keys in phrases):
                continue
            body_hits = min(body_text.count(keys) for keys in phrases)
            title_hits = min(title_text.count(keys) for keys in phrases)
            hits = min(MAX_HITS, body_hits) + TITLE_FACTOR * min(1, title_hits)
            score += weight * hits
        if score >= THRESHOLD:
            scored.append((theme.slug, round(score / (score + THRESHOLD + 0.5), 2)))
    scored.sort(key=lambda item: -item[1])
    return scored[:MAX_THEMES]

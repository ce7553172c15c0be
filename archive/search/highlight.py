"""Snippets and highlighting: a query's words marked in escaped text.

A word is marked when the analyzer gives it a lexeme the query asks for, so a
snippet marks بالصين for الصين exactly as the search matched it. Text is escaped
before any ``<mark>`` is added: nothing of an article is ever markup.
"""

import itertools
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.search.query import parse_query
from archive.text import (
    normalize_arabic,
    strip_proclitics,
    token_lexemes,
    tokenize,
    word_spans,
)

SNIPPET_SCAN_CHARS = 3000  # about 500 words: where result snippets are looked for


def _phrase_hits(text: str, spans, phrases) -> list[bool]:
    """Which words of ``text`` belong to an occurrence of one of ``phrases``."""
    if not phrases:  # a prefix alone: no word's lexemes are needed
        return [False] * len(spans)
    span_lexemes = [word_lexemes(text[a:b]) for a, b in spans]
    where: dict[str, list[int]] = {}
    for i, lexemes in enumerate(span_lexemes):
        for lexeme in lexemes:
            where.setdefault(lexeme, []).append(i)
    hits = [False] * len(spans)
    for tokens, exact, extra in phrases:
        wanted = [
            {lexemes[0]} if exact else set(lexemes) | extra
            for lexemes in (token_lexemes(t) for t in tokens)
        ]
        size = len(wanted)
        starts = sorted({i for lexeme in wanted[0] for i in where.get(lexeme, ())})
        for i in starts:
            if i + size <= len(spans) and all(
                wanted[k] & span_lexemes[i + k] for k in range(1, size)
            ):
                hits[i : i + size] = [True] * size
    return hits


def starts_with(word: str, prefixes: list[str]) -> bool:
    """Whether a written word, or the word without its proclitics («والاقتصاد»),
    starts with one of ``prefixes`` (normalized)."""
    norm = normalize_arabic(word)
    bare = strip_proclitics(norm)
    return any(norm.startswith(p) or bare.startswith(p) for p in prefixes)


@lru_cache(maxsize=100_000)
def word_lexemes(word: str) -> frozenset[str]:
    return frozenset(
        lexeme
        for t in tokenize(word, keep_teh_marbuta=True)
        for lexeme in token_lexemes(t)
    )


class Highlighter:
    """Marks a query's words in texts; the query is parsed once for many texts."""

    def __init__(self, query: str):
        parsed = parse_query(query)
        self.phrases = parsed.highlight_phrases() if parsed else []
        self.prefixes = parsed.prefix_forms() if parsed else []

    def snippet(self, text: str, words: int = 40) -> SafeString:
        return self.mark(text, words)

    def mark(self, text: str, words: int | None = None) -> SafeString:
        """Escaped text with the query's words in <mark>; a window of ``words``
        around the densest run of matches, or the whole text when ``words`` is None.
        """
        if not self.phrases and not self.prefixes:  # nothing to mark
            if words is None:
                return mark_safe(escape(text))
            return _opening(text, words)
        cut = words is not None and len(text) > SNIPPET_SCAN_CHARS
        if cut:
            text = text[:SNIPPET_SCAN_CHARS]  # a snippet comes from the opening
        spans = list(word_spans(text))
        hits = _phrase_hits(text, spans, self.phrases)
        if self.prefixes:
            for i, (a, b) in enumerate(spans):
                if not hits[i] and starts_with(text[a:b], self.prefixes):
                    hits[i] = True
        start, end = 0, len(spans)
        if words is not None and len(spans) > words:
            # The window holding the most matches (the earliest of equals).
            counts = list(itertools.accumulate(hits, initial=0))
            best = max(
                range(len(spans) - words + 1),
                key=lambda i: (counts[i + words] - counts[i], -i),
            )
            # Open the window a little before its first match, not on it.
            first = next((i for i in range(best, best + words) if hits[i]), best)
            start = max(0, min(first - words // 4, len(spans) - words))
            end = start + words
        if not spans:
            return mark_safe(escape(text))
        out = []
        cursor = spans[start][0] if words is not None else 0
        i = start
        while i < end:
            a, b = spans[i]
            j = i
            while hits[i] and j + 1 < end and hits[j + 1]:
                j += 1  # a run of matched words (a phrase) becomes one mark
            out.append(escape(text[cursor:a]))
            chunk = escape(text[a : spans[j][1]])
            out.append(f"<mark>{chunk}</mark>" if hits[i] else chunk)
            cursor = spans[j][1]
            i = j + 1
        tail_end = (
            spans[end - 1][1] if (words is not None and end < len(spans)) else len(text)
        )
        out.append(escape(text[cursor:tail_end]))
        snippet = "".join(out)
        if words is not None:
            snippet = (
                ("… " if start > 0 else "")
                + snippet
                + (" …" if end < len(spans) or cut else "")
            )
        return mark_safe(snippet)


def _opening(text: str, words: int) -> SafeString:
    spans = list(itertools.islice(word_spans(text), words + 1))
    if len(spans) <= words:
        return mark_safe(escape(text))
    return mark_safe(escape(text[spans[0][0] : spans[words - 1][1]]) + " …")


def highlight(text: str, query: str, words: int | None = 40) -> SafeString:
    """``Highlighter(query).mark(text, words)``.

    >>> highlight("قال بوتين <b> إن روسيا", "روسيا", words=None)
    'قال بوتين &lt;b&gt; إن <mark>روسيا</mark>'
    """
    return Highlighter(query).mark(text, words)

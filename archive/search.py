"""Searching articles: the query language, the tsquery builder, ranking and snippets.

User text never reaches ``to_tsquery``: it is parsed here, every word goes through the
same analyzer as the indexed text (``archive.analysis``), and the tsquery literal is
assembled from quoted lexemes only.
"""

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.contrib.postgres.search import SearchQueryField
from django.db.models import (
    BooleanField,
    F,
    FloatField,
    Func,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.aliases import alias_table
from archive.analysis import (
    _quote,
    normalize_arabic,
    token_lexemes,
    tokenize,
    word_spans,
)
from archive.morphology import function_words, zipf

MAX_QUERY_CHARS = (
    500  # longer input is cut, not refused: a pasted paragraph still works
)
MAX_CLAUSES = 16
EXACT_BONUS = 0.5
RARITY_SHARE = 0.5
RANK_NORMALIZATION = 1  # ts_rank_cd: divide by 1 + log(document length)
SNIPPET_SCAN_CHARS = 3000  # about 500 words: where result snippets are looked for

# "phrase", “phrase”, «phrase»; a leading minus excludes; OR or | between two clauses.
_CLAUSE = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|«([^»]*)»?|(\S+))')
_OR_WORDS = {"or", "|"}


def _phrase_tsquery(
    tokens: list[str] | tuple[str, ...], exact: bool, keys_only: bool = False
) -> str:
    lexemes = [token_lexemes(t) for t in tokens]
    if exact:
        parts = [_quote(e) for e, _ in lexemes]
    elif keys_only:
        # Every indexed word carries its key at the same position as its exact
        # form, so the key alone matches the same articles.
        parts = [_quote(k) for _, k in lexemes]
    else:
        parts = [
            f"({_quote(e)} | {_quote(k)})" if e[1:] != k else _quote(k)
            for e, k in lexemes
        ]
    text = " <-> ".join(parts)
    return f"({text})" if len(parts) > 1 else text


def _without_redundant(phrases: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop a phrase that contains another one's words (by search key): whatever
    matches it matches that. "الاتحاد الروسي" goes when "روسيا" is there."""
    unique = list(dict.fromkeys(phrases))
    keys = {p: tuple(token_lexemes(t)[1] for t in p) for p in unique}

    def contains(longer, shorter) -> bool:
        a, b = keys[longer], keys[shorter]
        n = len(b)
        return len(a) > n and any(a[i : i + n] == b for i in range(len(a) - n + 1))

    return [p for p in unique if not any(contains(p, q) for q in unique)]


@dataclass
class Clause:
    tokens: list[str]
    exact: bool = False  # quoted: exact forms, in order
    negated: bool = False
    # Other names of the same person or place (Putin -> بوتين).
    alternatives: list[tuple[str, ...]] = field(default_factory=list)

    def tsquery(self, exact_only: bool = False, keys_only: bool = False) -> str:
        exact = self.exact or exact_only
        # OR-ed names: one contained in another matches all that one does, so the
        # longer goes (a phrase also makes the index recheck every match).
        phrases = _without_redundant([tuple(self.tokens), *self.alternatives])
        parts = list(
            dict.fromkeys(_phrase_tsquery(p, exact, keys_only) for p in phrases)
        )
        text = " | ".join(parts)
        if len(parts) > 1:
            text = f"({text})"
        return f"!{text}" if self.negated else text


@dataclass
class ParsedQuery:
    # Each group is a list of clauses joined by OR; groups are joined by AND.
    groups: list[list[Clause]] = field(default_factory=list)

    def tsquery(self, keys_only: bool = False) -> str:
        """The query as a tsquery; ``keys_only`` for matching alone: the same
        articles with half the index lookups (ranking wants the exact forms)."""
        parts = []
        for group in self.groups:
            text = " | ".join(clause.tsquery(keys_only=keys_only) for clause in group)
            parts.append(f"({text})" if len(group) > 1 else text)
        return " & ".join(parts)

    def positive_tokens(self) -> set[str]:
        tokens = set()
        for clause in (c for g in self.groups for c in g if not c.negated):
            tokens.update(clause.tokens)
            for alternative in clause.alternatives:
                tokens.update(alternative)
        return tokens

    def highlight_phrases(self) -> list[tuple[tuple[str, ...], bool]]:
        """(tokens, exact) of every phrase whose occurrences are marked."""
        phrases = []
        for clause in (c for g in self.groups for c in g if not c.negated):
            phrases.append((tuple(clause.tokens), clause.exact))
            phrases.extend((tuple(a), False) for a in clause.alternatives)
        return list(dict.fromkeys(phrases))

    def rank_parts(self) -> list[tuple[float, str, str]]:
        """(weight, tsquery, exact-only tsquery) per AND-ed group, rarer words
        weighing more: an IDF from general Arabic word frequencies."""
        parts = []
        for group in self.groups:
            positive = [c for c in group if not c.negated]
            if not positive:
                continue
            weight = max(_rarity(t) for c in positive for t in c.tokens)
            any_form = " | ".join(c.tsquery() for c in positive)
            exact = " | ".join(c.tsquery(exact_only=True) for c in positive)
            parts.append((weight, any_form, exact))
        return parts


def _phrase_hits(text: str, spans, phrases) -> list[bool]:
    """Which words of ``text`` belong to an occurrence of one of ``phrases``."""
    span_lexemes = [_word_lexemes(text[a:b]) for a, b in spans]
    where: dict[str, list[int]] = {}
    for i, lexemes in enumerate(span_lexemes):
        for lexeme in lexemes:
            where.setdefault(lexeme, []).append(i)
    hits = [False] * len(spans)
    for tokens, exact in phrases:
        wanted = [
            {lexemes[0]} if exact else set(lexemes)
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


@lru_cache(maxsize=100_000)
def _word_lexemes(word: str) -> frozenset[str]:
    return frozenset(
        lexeme
        for t in tokenize(word, keep_teh_marbuta=True)
        for lexeme in token_lexemes(t)
    )


def _rarity(token: str) -> float:
    """1 for the commonest words, up to 6 for words general Arabic hardly uses."""
    frequency = zipf(normalize_arabic(token))
    return min(6.0, max(1.0, 7.0 - frequency)) if frequency else 4.0


def parse_query(text: str, aliases: dict | None = None) -> ParsedQuery | None:
    """Parse a reader's query; None when nothing searchable is left.

    >>> parse_query('الصين OR روسيا', aliases={}).tsquery()
    "(('=الصين' | '@صين') | ('=روسيا' | '@روسيا'))"
    >>> parse_query('"الحزام والطريق" -أمريكا', aliases={}).tsquery()
    "('=الحزام' <-> '=والطريق') & !('=امريكا' | '@ولايات_المتحده')"
    """
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    items: list[tuple[bool, bool, str]] = []  # (negated, quoted, text)
    for match in _CLAUSE.finditer(text):
        minus, q1, q2, q3, word = match.groups()
        quoted = q1 if q1 is not None else q2 if q2 is not None else q3
        if quoted is not None:
            items.append((bool(minus), True, quoted))
        else:
            items.append((bool(minus), False, word))
    table = alias_table() if aliases is None else aliases
    groups: list[list[Clause]] = []
    join_next = False
    i = 0
    while i < len(items) and len(groups) < MAX_CLAUSES:
        negated, quoted, value = items[i]
        if not quoted and not negated and value.casefold() in _OR_WORDS:
            join_next = bool(groups)
            i += 1
            continue
        clause, used = _alias_clause(items, i, table)
        if clause is None:
            tokens = tokenize(value, keep_teh_marbuta=True)
            clause = Clause(tokens, exact=quoted, negated=negated) if tokens else None
            used = 1
        i += used
        if clause is None:
            continue
        if join_next and not clause.negated and not any(c.negated for c in groups[-1]):
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
    if not any(not c.negated for g in groups for c in g):
        return None  # only exclusions or nothing at all: no search to run
    # Particles (في، بين، على) are not required: "الحرب بين الصين وأمريكا" must
    # find "الحرب التجارية الصينية الأمريكية". They stay in quotes, and in a query
    # of nothing else.
    content = [g for g in groups if not _is_particle_group(g)]
    if any(not c.negated for g in content for c in g):
        groups = content
    return ParsedQuery(groups)


def _is_particle_group(group: list[Clause]) -> bool:
    return len(group) == 1 and _is_particle(group[0])


def _is_particle(clause: Clause) -> bool:
    return (
        not clause.exact
        and not clause.negated
        and not clause.alternatives
        and len(clause.tokens) == 1
        and normalize_arabic(clause.tokens[0]) in function_words()
    )


def _alias_clause(items, start: int, table) -> tuple[Clause | None, int]:
    """The longest run of plain words from ``start`` that names a known person or
    place, as one clause searching all its names."""
    negated, quoted, _ = items[start]
    if quoted or not table:
        return None, 0
    for end in range(min(len(items), start + 6), start, -1):
        run = items[start:end]
        if any(q or (n and k > 0) for k, (n, q, _) in enumerate(run)):
            continue
        tokens = tuple(t for _, _, w in run for t in tokenize(w, keep_teh_marbuta=True))
        if tokens in table and (len(tokens) > 1 or len(table[tokens]) > 1):
            return Clause(
                list(tokens), negated=negated, alternatives=table[tokens]
            ), end - start
    return None, 0


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()
    conditional = True


def search_articles(queryset: QuerySet, text: "str | ParsedQuery") -> QuerySet:
    """Articles matching the query, annotated with ``rank``; unchanged when empty."""
    parsed = text if isinstance(text, ParsedQuery) else parse_query(text)
    if parsed is None:
        return queryset
    tsquery = Cast(Value(parsed.tsquery(keys_only=True)), SearchQueryField())
    return queryset.filter(_Matches(F("search_vector"), tsquery)).annotate(
        rank=rank_expression(parsed)
    )


def rank_terms(parsed: ParsedQuery) -> list[tuple[float, str]]:
    """How well an article answers the query, as (weight, tsquery) terms summed
    over ``weight * ts_rank_cd(vector, tsquery, RANK_NORMALIZATION)``:

    - the cover density of the whole query: every word, close together, title
      words (weight A) five times body words (C), divided by 1 + log(length) so
      long articles do not win by length alone;
    - half as much again where the words stand in their exact forms;
    - each word's own density weighted by its rarity in general Arabic (an IDF),
      so a rare word in the title beats a common one.

    Measured with ``search_quality`` (tests/data/relevance): see README.md.
    """
    exact = ParsedQuery(
        [[replace(c, exact=True) for c in g] for g in parsed.groups]
    ).tsquery()
    terms = [(1.0, parsed.tsquery()), (EXACT_BONUS, exact)]
    parts = parsed.rank_parts()
    if len(parts) < 2:
        return terms  # one word alone: its rarity changes no order
    norm = sum(w for w, _, _ in parts)
    terms.extend((RARITY_SHARE * w / norm, any_form) for w, any_form, _ in parts)
    return terms


def rank_expression(parsed: ParsedQuery):
    """``rank_terms`` as an expression over the ``search_vector`` column."""
    total = None
    for weight, tsquery in rank_terms(parsed):
        term = _cover_density(tsquery)
        term = term if weight == 1.0 else Value(weight) * term
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


class Highlighter:
    """Marks a query's words in texts; the query is parsed once for many texts."""

    def __init__(self, query: str):
        parsed = parse_query(query)
        self.phrases = parsed.highlight_phrases() if parsed else []

    def snippet(self, text: str, words: int = 40) -> SafeString:
        return self.mark(text, words)

    def mark(self, text: str, words: int | None = None) -> SafeString:
        """Escaped text with the query's words in <mark>; a window of ``words``
        around the densest run of matches, or the whole text when ``words`` is None.
        """
        if not self.phrases and words is not None:
            return _opening(text, words)  # nothing to mark: the opening words
        cut = words is not None and len(text) > SNIPPET_SCAN_CHARS
        if cut:
            text = text[:SNIPPET_SCAN_CHARS]  # a snippet comes from the opening
        spans = list(word_spans(text))
        hits = _phrase_hits(text, spans, self.phrases)
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

"""Searching articles: the query language, the tsquery builder, ranking and snippets.

User text never reaches ``to_tsquery``: it is parsed here, every word goes through the
same analyzer as the indexed text (``archive.analysis``), and the tsquery literal is
assembled from quoted lexemes only.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQueryField
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.analysis import EXACT_MARK, _quote, stem, tokenize, word_spans

MAX_QUERY_CHARS = (
    500  # longer input is cut, not refused: a pasted paragraph still works
)
MAX_CLAUSES = 16

# "phrase", “phrase”, «phrase»; a leading minus excludes; OR or | between two clauses.
_CLAUSE = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|«([^»]*)»?|(\S+))')
_OR_WORDS = {"or", "|"}


@dataclass
class Clause:
    tokens: list[str]
    exact: bool = False  # quoted: exact forms, in order
    negated: bool = False

    def tsquery(self) -> str:
        if self.exact:
            parts = [_quote(EXACT_MARK + t) for t in self.tokens]
        else:
            parts = [
                f"({_quote(EXACT_MARK + t)} | {_quote(stem(t))})" for t in self.tokens
            ]
        text = " <-> ".join(parts)
        if len(parts) > 1:
            text = f"({text})"
        return f"!{text}" if self.negated else text


@dataclass
class ParsedQuery:
    # Each group is a list of clauses joined by OR; groups are joined by AND.
    groups: list[list[Clause]] = field(default_factory=list)

    def tsquery(self) -> str:
        parts = []
        for group in self.groups:
            text = " | ".join(clause.tsquery() for clause in group)
            parts.append(f"({text})" if len(group) > 1 else text)
        return " & ".join(parts)

    def positive_tokens(self) -> set[str]:
        return {t for g in self.groups for c in g if not c.negated for t in c.tokens}


def parse_query(text: str) -> ParsedQuery | None:
    """Parse a reader's query; None when nothing searchable is left.

    >>> parse_query('الصين OR روسيا').tsquery()
    "(('=الصين' | 'الصين') | ('=روسيا' | 'روسيا'))"
    >>> parse_query('"الحزام والطريق" -أمريكا').tsquery()
    "('=الحزام' <-> '=والطريق') & !('=امريكا' | 'امريكا')"
    """
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    groups: list[list[Clause]] = []
    join_next = False
    for match in _CLAUSE.finditer(text):
        minus, q1, q2, q3, word = match.groups()
        quoted = q1 if q1 is not None else q2 if q2 is not None else q3
        if word is not None and word.casefold() in _OR_WORDS and not minus:
            join_next = bool(groups)
            continue
        tokens = tokenize(quoted if quoted is not None else word)
        if not tokens:
            continue
        clause = Clause(tokens, exact=quoted is not None, negated=bool(minus))
        if join_next and not clause.negated and not any(c.negated for c in groups[-1]):
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
        if len(groups) >= MAX_CLAUSES:
            break
    if not any(not c.negated for g in groups for c in g):
        return None  # only exclusions or nothing at all: no search to run
    return ParsedQuery(groups)


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()
    conditional = True


def search_articles(queryset: QuerySet, text: str) -> QuerySet:
    """Articles matching the query, annotated with ``rank``; unchanged when empty."""
    parsed = parse_query(text)
    if parsed is None:
        return queryset
    tsquery = Cast(Value(parsed.tsquery()), SearchQueryField())
    return queryset.filter(_Matches(F("search_vector"), tsquery)).annotate(
        rank=Func(
            F("search_vector"),
            tsquery,
            function="ts_rank_cd",
            output_field=FloatField(),
        )
    )


def highlight(text: str, query: str, words: int | None = 40) -> SafeString:
    """Escaped text with the query's words in <mark>; a window of ``words`` around
    the densest run of matches, or the whole text when ``words`` is None.

    >>> highlight("قال بوتين <b> إن روسيا", "روسيا", words=None)
    'قال بوتين &lt;b&gt; إن <mark>روسيا</mark>'
    """
    parsed = parse_query(query)
    wanted_tokens = parsed.positive_tokens() if parsed else set()
    wanted_stems = {stem(t) for t in wanted_tokens}
    spans = list(word_spans(text))
    hits = [
        any(t in wanted_tokens or stem(t) in wanted_stems for t in tokenize(text[a:b]))
        for a, b in spans
    ]
    start, end = 0, len(spans)
    if words is not None and len(spans) > words:
        best = max(
            range(len(spans) - words + 1), key=lambda i: (sum(hits[i : i + words]), -i)
        )
        # Open the window a little before its first match, not on it.
        first = next((i for i in range(best, best + words) if hits[i]), best)
        start = max(0, min(first - words // 4, len(spans) - words))
        end = start + words
    if not spans:
        return mark_safe(escape(text))
    out = []
    cursor = spans[start][0] if words is not None else 0
    for (a, b), hit in zip(spans[start:end], hits[start:end], strict=True):
        out.append(escape(text[cursor:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>" if hit else escape(text[a:b]))
        cursor = b
    tail_end = (
        spans[end - 1][1] if (words is not None and end < len(spans)) else len(text)
    )
    out.append(escape(text[cursor:tail_end]))
    snippet = "".join(out)
    if words is not None:
        snippet = (
            ("… " if start > 0 else "") + snippet + (" …" if end < len(spans) else "")
        )
    return mark_safe(snippet)

"""The query language: a reader's words, "phrases", OR and -exclusions to a tsquery.

User text never reaches ``to_tsquery``: it is parsed here, every word goes through
the same analyzer as the indexed text (``archive.text``), and the tsquery literal is
assembled from quoted lexemes only. A word that names a known person or place asks
for all of their names (``aliases``).
"""

import re
from dataclasses import dataclass, field, replace

from archive.search.aliases import alias_table
from archive.text import (
    EXACT_MARK,
    function_words,
    normalize_arabic,
    quote_lexeme,
    strip_proclitics,
    token_lexemes,
    tokenize,
)

MAX_QUERY_CHARS = (
    500  # longer input is cut, not refused: a pasted paragraph still works
)
MAX_CLAUSES = 16

# "phrase", “phrase”, «phrase»; a leading minus excludes; OR or | between two clauses.
_CLAUSE = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|«([^»]*)»?|(\S+))')
_OR_WORDS = {"or", "|", "أو", "او"}
_AND_WORDS = {"and"}  # every word is required anyway
_NOT_WORDS = {"not"}  # NOT x is -x


def _phrase_tsquery(
    tokens: list[str] | tuple[str, ...], exact: bool, keys_only: bool = False
) -> str:
    lexemes = [token_lexemes(t) for t in tokens]
    if exact:
        parts = [quote_lexeme(e) for e, _ in lexemes]
    elif keys_only:
        # Every indexed word carries its key at the same position as its exact
        # form, so the key alone matches the same articles.
        parts = [quote_lexeme(k) for _, k in lexemes]
    else:
        parts = [
            f"({quote_lexeme(e)} | {quote_lexeme(k)})"
            if e.removeprefix(EXACT_MARK) != k
            else quote_lexeme(k)
            for e, k in lexemes
        ]
    text = " <-> ".join(parts)
    return f"({text})" if len(parts) > 1 else text


MIN_PREFIX = 3  # letters before «*»: shorter prefixes name half the language


def _prefix_tsquery(token: str, exact: bool, keys_only: bool) -> str:
    """«اقتصا*»: written forms that start so, and (unless ``exact``) search keys
    that do, so «والاقتصاد» matches through its key اقتصاد.

    >>> _prefix_tsquery("اقتصا", exact=False, keys_only=False)
    "('=اقتصا':* | 'اقتصا':*)"
    """
    form = normalize_arabic(token)
    written = f"{quote_lexeme(EXACT_MARK + form)}:*"
    key = f"{quote_lexeme(strip_proclitics(form))}:*"
    if exact:
        return written
    return key if keys_only else f"({written} | {key})"


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
    written: str = ""  # as the reader typed it
    prefix: bool = False  # «اقتصا*»: every word that starts so

    def tsquery(self, exact_only: bool = False, keys_only: bool = False) -> str:
        if self.prefix:
            text = _prefix_tsquery(self.tokens[0], self.exact or exact_only, keys_only)
            return f"!{text}" if self.negated else text
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
    ignored: list[str] = field(default_factory=list)  # particles not required
    notes: list[str] = field(default_factory=list)  # what was read otherwise

    def understood(self) -> dict:
        """How the query was read, for the reader and the API: the groups every
        article must match (each one of its alternatives), what it must not
        contain, and the particles not required.

        >>> parse_query('الصين OR روسيا -أوكرانيا في', aliases={}).understood()
        {'all_of': [[{'text': 'الصين', 'exact': False, 'also': []}, \
{'text': 'روسيا', 'exact': False, 'also': []}]], 'none_of': \
[{'text': 'أوكرانيا', 'exact': False, 'also': []}], 'ignored': ['في'], 'notes': []}
        """

        def clause(c: Clause) -> dict:
            text = c.written or " ".join(c.tokens)
            if c.prefix:
                return {"text": text, "exact": c.exact, "also": [], "prefix": True}
            also = [
                " ".join(a)
                for a in c.alternatives
                if normalize_arabic(" ".join(a)) != normalize_arabic(text)
            ]
            return {"text": text, "exact": c.exact, "also": also}

        return {
            "all_of": [[clause(c) for c in g] for g in self.groups if not g[0].negated],
            "none_of": [clause(c) for g in self.groups for c in g if c.negated],
            "ignored": self.ignored,
            "notes": self.notes,
        }

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

    def prefix_forms(self) -> list[str]:
        """The normalized prefixes of «اقتصا*» clauses, for marking their words."""
        return [
            normalize_arabic(c.tokens[0])
            for g in self.groups
            for c in g
            if c.prefix and not c.negated
        ]

    def highlight_phrases(self) -> list[tuple[tuple[str, ...], bool]]:
        """(tokens, exact) of every phrase whose occurrences are marked."""
        phrases = []
        for clause in (c for g in self.groups for c in g if not c.negated):
            if clause.prefix:
                continue  # marked by prefix_forms
            phrases.append((tuple(clause.tokens), clause.exact))
            phrases.extend((tuple(a), False) for a in clause.alternatives)
        return list(dict.fromkeys(phrases))


def parse_query(text: str, aliases: dict | None = None) -> ParsedQuery | None:
    """Parse a reader's query; None when nothing searchable is left.

    >>> parse_query('الصين OR روسيا', aliases={}).tsquery()
    "(('=الصين' | '@صين') | ('=روسيا' | '@روسيا'))"
    >>> parse_query('"الحزام والطريق" -أمريكا', aliases={}).tsquery()
    "('=الحزام' <-> '=والطريق') & !('=امريكا' | '@ولايات_المتحده')"
    """
    notes: list[str] = []
    groups = _groups(text, aliases, notes)
    if not any(not c.negated for g in groups for c in g):
        return None  # only exclusions (see parse_exclusions) or nothing at all
    # Particles (في، بين، على) are not required: "الحرب بين الصين وأمريكا" must
    # find "الحرب التجارية الصينية الأمريكية". They stay in quotes, and in a query
    # of nothing else.
    content = [g for g in groups if not _is_particle_group(g)]
    ignored = []
    if any(not c.negated for g in content for c in g):
        ignored = [g[0].tokens[0] for g in groups if _is_particle_group(g)]
        groups = content
    return ParsedQuery(groups, ignored, notes)


def parse_exclusions(text: str, aliases: dict | None = None) -> ParsedQuery | None:
    """A query of exclusions only («-أوكرانيا»: everything but), as the query of
    what to leave out; None when the query searches for something, or is empty.

    >>> parse_exclusions("-أوكرانيا", aliases={}).tsquery()
    "('=اوكرانيا' | '@اوكرانيا')"
    >>> parse_exclusions("روسيا -أوكرانيا", aliases={}) is None
    True
    """
    groups = _groups(text, aliases)
    if not groups or any(not c.negated for g in groups for c in g):
        return None
    # «-أ -ب» leaves out what has either: one OR-ed group.
    return ParsedQuery([[replace(c, negated=False) for g in groups for c in g]])


def _groups(
    text: str, aliases: dict | None, notes: list[str] | None = None
) -> list[list["Clause"]]:
    """The query's clauses: AND-ed groups of OR-ed clauses; what could not be read
    as typed is said in ``notes``."""
    notes = [] if notes is None else notes
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    items: list[tuple[bool, bool, str]] = []  # (negated, quoted, text)
    negate_next = False
    for match in _CLAUSE.finditer(text):
        minus, q1, q2, q3, word = match.groups()
        quoted = q1 if q1 is not None else q2 if q2 is not None else q3
        negated = bool(minus) or negate_next
        negate_next = False
        if quoted is not None:
            items.append((negated, True, quoted))
            continue
        if not minus and word.casefold() in _AND_WORDS | _NOT_WORDS:
            negate_next = word.casefold() in _NOT_WORDS  # AND: nothing to do
            continue
        # "الصين|روسيا": the bar is OR with or without spaces around it.
        parts = [p for p in re.split(r"(\|)", word) if p]
        for k, part in enumerate(parts):
            items.append((negated and k == 0, False, part))
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
        if clause is None and not quoted and value.endswith("*"):
            clause, used = _prefix_clause(value, negated, notes), 1
        if clause is None:
            tokens = tokenize(value, keep_teh_marbuta=True)
            clause = (
                Clause(tokens, exact=quoted, negated=negated, written=value.strip())
                if tokens
                else None
            )
            used = 1
        i += used
        if clause is None:
            continue
        if join_next and not clause.negated and not any(c.negated for c in groups[-1]):
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
    return groups


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


def _prefix_clause(value: str, negated: bool, notes: list[str]) -> "Clause | None":
    """«اقتصا*» as a prefix clause; a prefix under MIN_PREFIX letters is searched
    as the word it is, and the reader is told."""
    tokens = tokenize(value.rstrip("*"), keep_teh_marbuta=True)
    if len(tokens) != 1:
        return None
    if len(normalize_arabic(tokens[0])) < MIN_PREFIX:
        notes.append(
            f"«{value}»: البادئة أقصر من {MIN_PREFIX} أحرف، فبحثنا عنها كلمةً كاملة."
        )
        return None
    return Clause(tokens, negated=negated, written=value, prefix=True)


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
        if any(w.casefold() in _OR_WORDS for _, _, w in run):
            continue  # "الصين | روسيا": the bar is not part of a name
        tokens = tuple(t for _, _, w in run for t in tokenize(w, keep_teh_marbuta=True))
        if tokens in table and (len(tokens) > 1 or len(table[tokens]) > 1):
            written = " ".join(w for _, _, w in run)
            return Clause(
                list(tokens),
                negated=negated,
                alternatives=table[tokens],
                written=written,
            ), end - start
    return None, 0

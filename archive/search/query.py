"""The query language: a reader's words, "phrases", OR and -exclusions to a tsquery.

User text never reaches ``to_tsquery``: it is parsed here, every word goes through
the same analyzer as the indexed text (``archive.text``), and the tsquery literal is
assembled from quoted lexemes only. A word that names a known person or place asks
for all of their names (``aliases``).
"""

import itertools
from dataclasses import dataclass, field, replace

from lark import Token

from archive.search import grammar, vocabulary
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
MAX_CLAUSES = 16  # AND-ed groups, once the query is in conjunctive form
MAX_NEAR = 20  # words apart, at most, for NEAR/N and "…"~N
WEIGHTS = {"title": "A", "body": "C"}  # as the vectors are built (models.py)


def _lexeme(lexeme: str, weight: str = "", prefix: bool = False) -> str:
    """A quoted tsquery operand, restricted to a field's weight, or a prefix."""
    suffix = ("*" if prefix else "") + weight
    return quote_lexeme(lexeme) + (f":{suffix}" if suffix else "")


def _phrase_tsquery(
    tokens: list[str] | tuple[str, ...],
    exact: bool,
    keys_only: bool = False,
    weight: str = "",
    variants: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """``variants``: other keys a key matches (``archive.search.vocabulary``)."""
    lexemes = [token_lexemes(t) for t in tokens]
    variants = variants or {}
    if exact:
        parts = [_lexeme(e, weight) for e, _ in lexemes]
    else:
        parts = []
        for e, k in lexemes:
            # Every indexed word carries its key at the same position as its
            # exact form, so for matching alone the key finds the same articles.
            wanted = [] if keys_only or e.removeprefix(EXACT_MARK) == k else [e]
            wanted += [k, *variants.get(k, ())]
            text = " | ".join(_lexeme(x, weight) for x in wanted)
            parts.append(f"({text})" if len(wanted) > 1 else text)
    text = " <-> ".join(parts)
    return f"({text})" if len(parts) > 1 else text


MIN_PREFIX = 3  # letters before «*»: shorter prefixes name half the language


def _prefix_tsquery(token: str, exact: bool, keys_only: bool, weight: str = "") -> str:
    """«اقتصا*»: written forms that start so, and (unless ``exact``) search keys
    that do, so «والاقتصاد» matches through its key اقتصاد.

    >>> _prefix_tsquery("اقتصا", exact=False, keys_only=False)
    "('=اقتصا':* | 'اقتصا':*)"
    """
    form = normalize_arabic(token)
    written = _lexeme(EXACT_MARK + form, weight, prefix=True)
    key = _lexeme(strip_proclitics(form), weight, prefix=True)
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


def _near_tsquery(parts: list[str], distances: list[int]) -> str:
    """Each part within its distance of the next, in either order.

    >>> _near_tsquery(["'a'", "'b'"], [2])
    "(('a') <1> ('b') | ('b') <1> ('a') | ('a') <2> ('b') | ('b') <2> ('a'))"
    """
    pairs = []
    for (a, b), distance in zip(itertools.pairwise(parts), distances, strict=True):
        options = [
            f"({x}) <{k}> ({y})"
            for k in range(1, distance + 1)
            for x, y in ((a, b), (b, a))
        ]
        pairs.append("(" + " | ".join(options) + ")")
    return pairs[0] if len(pairs) == 1 else "(" + " & ".join(pairs) + ")"


@dataclass
class Clause:
    tokens: list[str]
    exact: bool = False  # quoted: exact forms, in order
    negated: bool = False
    # Other names of the same person or place (Putin -> بوتين).
    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    written: str = ""  # as the reader typed it
    prefix: bool = False  # «اقتصا*»: every word that starts so
    where: str = ""  # "title" or "body": in that field only (WEIGHTS)
    # «بوتين NEAR/5 شي»: these parts, each within its distance of the next.
    near: list["Clause"] = field(default_factory=list)
    distances: list[int] = field(default_factory=list)
    # key -> other keys the archive's vocabulary relates to it (وشعب for شعب).
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def units(self) -> list["Clause"]:
        """The word or phrase clauses this clause is made of (its near parts)."""
        return self.near or [self]

    def tsquery(self, exact_only: bool = False, keys_only: bool = False) -> str:
        weight = WEIGHTS.get(self.where, "")
        exact = self.exact or exact_only
        if self.near:
            parts = [
                replace(p, where=p.where or self.where).tsquery(exact, keys_only)
                for p in self.near
            ]
            text = _near_tsquery(parts, self.distances)
        elif self.prefix:
            text = _prefix_tsquery(self.tokens[0], exact, keys_only, weight)
        else:
            # OR-ed names: one contained in another matches all that one does, so
            # the longer goes (a phrase also makes the index recheck every match).
            phrases = _without_redundant([tuple(self.tokens), *self.alternatives])
            parts = list(
                dict.fromkeys(
                    _phrase_tsquery(p, exact, keys_only, weight, self.variants)
                    for p in phrases
                )
            )
            text = " | ".join(parts)
            if len(parts) > 1:
                text = f"({text})"
        return f"!{text}" if self.negated else text

    def described(self) -> dict:
        """The clause for the reader (``ParsedQuery.understood``)."""
        text = self.written or " ".join(self.tokens)
        found = {"text": text, "exact": self.exact, "also": []}
        if self.near:
            found["near"] = max(self.distances)
            found["parts"] = [p.described() for p in self.near]
        elif self.prefix:
            found["prefix"] = True
        else:
            found["also"] = [
                " ".join(a)
                for a in self.alternatives
                if normalize_arabic(" ".join(a)) != normalize_arabic(text)
            ]
        if self.where:
            found["where"] = self.where
        if self.negated:
            found["negated"] = True
        return found


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
        excluded = [g for g in self.groups if len(g) == 1 and g[0].negated]
        none_of = []
        for group in excluded:
            found = group[0].described()
            del found["negated"]
            none_of.append(found)
        return {
            "all_of": [
                [c.described() for c in g] for g in self.groups if g not in excluded
            ],
            "none_of": none_of,
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

    def _positive_units(self) -> list[Clause]:
        return [u for g in self.groups for c in g if not c.negated for u in c.units()]

    def positive_tokens(self) -> set[str]:
        tokens = set()
        for clause in self._positive_units():
            tokens.update(clause.tokens)
            for alternative in clause.alternatives:
                tokens.update(alternative)
        return tokens

    def prefix_forms(self) -> list[str]:
        """The normalized prefixes of «اقتصا*» clauses, for marking their words."""
        return [
            normalize_arabic(c.tokens[0]) for c in self._positive_units() if c.prefix
        ]

    def highlight_phrases(self) -> list[tuple[tuple[str, ...], bool, frozenset]]:
        """(tokens, exact, other keys) of every phrase whose occurrences are
        marked; the other keys are those the vocabulary relates to its words."""
        phrases = []
        for clause in self._positive_units():
            if clause.prefix:
                continue  # marked by prefix_forms
            extra = frozenset(k for keys in clause.variants.values() for k in keys)
            phrases.append((tuple(clause.tokens), clause.exact, extra))
            phrases.extend((tuple(a), False, extra) for a in clause.alternatives)
        return list(dict.fromkeys(phrases))


def parse_query(text: str, aliases: dict | None = None) -> ParsedQuery | None:
    """Parse a reader's query; None when nothing searchable is left.

    >>> parse_query('الصين OR روسيا', aliases={}).tsquery()
    "(('=الصين' | '@صين') | ('=روسيا' | '@روسيا'))"
    >>> parse_query('"الحزام والطريق" -أمريكا', aliases={}).tsquery()
    "('=الحزام' <-> '=والطريق') & !('=امريكا' | '@ولايات_المتحده')"
    >>> parse_query('title:روسيا', aliases={}).tsquery()
    "('=روسيا':A | '@روسيا':A)"
    """
    parsed = read_query(text, aliases)
    if not any(not c.negated for g in parsed.groups for c in g):
        return None  # only exclusions (see parse_exclusions) or nothing at all
    return parsed


def parse_exclusions(text: str, aliases: dict | None = None) -> ParsedQuery | None:
    """A query of exclusions only («-أوكرانيا»: everything but), as the query of
    what to leave out; None when the query searches for something, or is empty.

    >>> parse_exclusions("-أوكرانيا", aliases={}).tsquery()
    "('=اوكرانيا' | '@اوكرانيا')"
    >>> parse_exclusions("روسيا -أوكرانيا", aliases={}) is None
    True
    """
    node, _ = _read(text, aliases)
    if node is None:
        return None
    groups = _cnf(node, [])
    if any(not c.negated for g in groups for c in g):
        return None
    # What «-أ -ب» leaves out is what has either: the negation, in CNF.
    return ParsedQuery(_cnf(node, [], negate=True))


def read_query(text: str, aliases: dict | None = None) -> ParsedQuery:
    """The query as conjunctive groups of clauses, whatever it holds (it may be
    empty, or exclusions only), with notes on what was read otherwise."""
    node, notes = _read(text, aliases)
    groups = [] if node is None else _cnf(node, notes)
    if aliases is None:  # the archive's own tables (an offline parse gives aliases)
        groups = _with_variants(groups)
    # Particles (في، بين، على) are not required: "الحرب بين الصين وأمريكا" must
    # find "الحرب التجارية الصينية الأمريكية". They stay in quotes, and in a query
    # of nothing else.
    content = [g for g in groups if not _is_particle_group(g)]
    ignored = []
    if any(not c.negated for g in content for c in g):
        ignored = [g[0].tokens[0] for g in groups if _is_particle_group(g)]
        groups = content
    return ParsedQuery(groups, ignored, list(dict.fromkeys(notes)))


def _with_variants(groups: list[list[Clause]]) -> list[list[Clause]]:
    """Each inflected clause with the keys the archive's vocabulary relates to its
    words' keys (``archive.search.vocabulary``); one lookup for the whole query."""
    units = [u for g in groups for c in g for u in c.units() if not u.exact]
    keys = {token_lexemes(t)[1] for u in units for t in u.tokens}
    related = vocabulary.related_keys(keys) if keys else {}
    if not related:
        return groups

    def extended(clause: Clause) -> Clause:
        if clause.near:
            return replace(clause, near=[extended(p) for p in clause.near])
        if clause.exact or clause.prefix:
            return clause
        mine = {token_lexemes(t)[1] for t in clause.tokens}
        return replace(clause, variants={k: v for k, v in related.items() if k in mine})

    return [[extended(c) for c in g] for g in groups]


# A node of the query: ("leaf", Clause), ("not", node), ("and" | "or", [nodes]).
Node = tuple


def _read(text: str, aliases: dict | None) -> tuple[Node | None, list[str]]:
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    table = alias_table() if aliases is None else aliases
    tokens = _named(grammar.lex(text), table)
    parsed = grammar.parse_tokens(tokens)
    notes = parsed.notes
    return _node(parsed.tree, table, notes), notes


def _named(tokens: list[Token], table: dict) -> list[Token]:
    """Runs of plain words that name a known person or place, as one NAME token:
    «فلاديمير بوتين OR شي جين بينغ» is one of two people, not four words."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        end = _name_end(tokens, i, table) if table else None
        if end is None:
            out.append(tokens[i])
            i += 1
            continue
        run = tokens[i:end]
        out.append(Token("NAME", " ".join(run), start_pos=run[0].start_pos))
        i = end
    return out


def _name_end(tokens: list[Token], start: int, table: dict) -> int | None:
    for end in range(min(len(tokens), start + 6), start, -1):
        run = tokens[start:end]
        if any(t.type != "WORD" or t.endswith("*") for t in run):
            continue
        words = _name_tokens(" ".join(run))
        if words in table and (len(words) > 1 or len(table[words]) > 1):
            return end
    return None


def _name_tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text, keep_teh_marbuta=True))


def _node(tree, table: dict, notes: list[str]) -> Node | None:
    """The tree from ``grammar`` as nodes; what holds no word is None."""
    kind = tree.data
    if kind == "start" or kind == "group":
        return _node(tree.children[0], table, notes) if tree.children else None
    if kind in {"conj", "disj"}:
        children = [_node(child, table, notes) for child in tree.children]
        children = [child for child in children if child is not None]
        if len(children) <= 1:
            return children[0] if children else None
        return ("and" if kind == "conj" else "or", children)
    if kind == "negation":
        child = _node(tree.children[0], table, notes)
        return None if child is None else ("not", child)
    if kind == "fielded":
        child = _node(tree.children[1], table, notes)
        return _with_field(child, grammar.field_of(tree.children[0]))
    if kind == "near":
        return _near(tree, table, notes)
    clause = _leaf(kind, tree.children[0], table, notes)
    return None if clause is None else ("leaf", clause)


def _leaf(kind: str, token: Token, table: dict, notes: list[str]) -> Clause | None:
    value = str(token)
    if kind == "name":
        words = _name_tokens(value)
        return Clause(list(words), alternatives=table[words], written=value)
    if kind == "phrase":
        return _phrase(token, table, notes)
    if value.endswith("*"):
        clause = _prefix_clause(value, notes)
        if clause is not None:
            return clause
    tokens = tokenize(value, keep_teh_marbuta=True)
    return Clause(tokens, written=value.strip()) if tokens else None


def _phrase(token: Token, table: dict, notes: list[str]) -> Clause | None:
    text, distance = grammar.phrase_parts(token)
    tokens = tokenize(text, keep_teh_marbuta=True)
    if not tokens:
        return None
    if distance is None:
        if str(token)[-1] not in {'"', "”", "»"}:
            notes.append("أغلقنا علامة التنصيص المفتوحة في آخر البحث.")
        return Clause(tokens, exact=True, written=text.strip())
    # "بوتين شي"~5: the quotes group the words, in any form and order.
    parts = [Clause([t], alternatives=table.get((t,), []), written=t) for t in tokens]
    if len(parts) == 1:
        return parts[0]
    distance = _bounded(distance, notes)
    return Clause(
        tokens,
        written=text.strip(),
        near=parts,
        distances=[distance] * (len(parts) - 1),
    )


def _near(tree, table: dict, notes: list[str]) -> Node | None:
    """«بوتين NEAR/5 شي»: a near clause when every side is a word or phrase."""
    operands = [_node(c, table, notes) for c in tree.children[::2]]
    distances = [_bounded(grammar.near_distance(t), notes) for t in tree.children[1::2]]
    if any(o is None or o[0] != "leaf" or o[1].near for o in operands):
        notes.append(
            "«NEAR» يصل بين كلمتين أو عبارتين، فبحثنا عن كل ما حوله دون شرط القرب."
        )
        kept = [o for o in operands if o is not None]
        return None if not kept else kept[0] if len(kept) == 1 else ("and", kept)
    parts = [o[1] for o in operands]
    written = " ".join(
        str(c) if isinstance(c, Token) else c.written
        for c in _interleave(parts, tree.children[1::2])
    )
    return (
        "leaf",
        Clause(
            [t for p in parts for t in p.tokens],
            written=written,
            near=parts,
            distances=distances,
        ),
    )


def _interleave(parts: list[Clause], between: list[Token]) -> list:
    out: list = [parts[0]]
    for token, part in zip(between, parts[1:], strict=True):
        out.extend([token, part])
    return out


def _bounded(distance: int, notes: list[str]) -> int:
    if distance < 1:
        return 1
    if distance > MAX_NEAR:
        notes.append(f"أبعد مسافة نبحث فيها {MAX_NEAR} كلمة، فبحثنا عنها.")
        return MAX_NEAR
    return distance


def _with_field(node: Node | None, name: str) -> Node | None:
    """«title:(…)»: every clause under the node in that field, unless it says
    its own."""
    if node is None:
        return None
    if node[0] == "leaf":
        clause = node[1]
        return ("leaf", clause if clause.where else replace(clause, where=name))
    if node[0] == "not":
        return ("not", _with_field(node[1], name))
    return (node[0], [_with_field(child, name) for child in node[1]])


def _cnf(node: Node, notes: list[str], negate: bool = False) -> list[list[Clause]]:
    """The node as AND-ed groups of OR-ed clauses, negations pushed to the
    clauses (De Morgan); at most MAX_CLAUSES groups, and the reader told."""
    kind = node[0]
    if kind == "leaf":
        clause = node[1]
        return [[replace(clause, negated=clause.negated != negate)]]
    if kind == "not":
        return _cnf(node[1], notes, not negate)
    parts = [_cnf(child, notes, negate) for child in node[1]]
    if (kind == "and") != negate:
        groups = [g for p in parts for g in p]
    else:
        groups = [[]]
        for part in parts:  # (a b) OR c: (a OR c) (b OR c)
            # Cut as it grows: a group dropped is a condition less, never more.
            groups = [g + h for g in groups for h in part][: MAX_CLAUSES + 1]
    if len(groups) > MAX_CLAUSES:
        notes.append(
            f"البحث أطول مما نقرؤه ({MAX_CLAUSES} شرطًا)، فاكتفينا بأول {MAX_CLAUSES}."
        )
        groups = groups[:MAX_CLAUSES]
    return groups


def _is_particle_group(group: list[Clause]) -> bool:
    return len(group) == 1 and _is_particle(group[0])


def _is_particle(clause: Clause) -> bool:
    return (
        not clause.exact
        and not clause.negated
        and not clause.alternatives
        and not clause.near
        and not clause.prefix
        and not clause.where
        and len(clause.tokens) == 1
        and normalize_arabic(clause.tokens[0]) in function_words()
    )


def _prefix_clause(value: str, notes: list[str]) -> "Clause | None":
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
    return Clause(tokens, written=value, prefix=True)

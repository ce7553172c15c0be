"""Known-item queries: each names one corpus article, and search should rank it first.

Issue 14 asks for a ranking measure that needs no human judge: queries generated
from the corpus articles themselves (../shared/corpus, the ANT Corpus sample:
Chouigui, Ben Khiroun, Elayeb, AICCSA 2017 and AJSE 46(8) 2021;
https://antcorpus.github.io), each with the one article it was made from as its
known item. The set lives in ``tests/data/known_items/`` (``queries.jsonl`` holds
only query strings and corpus ids, never article text) and is rebuilt, byte for
byte, by ``python -m devtools.known_items``.

Generation is deterministic: articles are read sorted by id and every choice is
made by one ``random.Random(seed)``; no set is ever iterated unsorted. Each article
gives at most one query, and the articles are shuffled once and walked kind by kind.

Words. A *content word* of a text is a word of Arabic letters only, at least three
letters long, not a function word (``archive.text.function_words``) and not too
common in general Arabic (``archive.text.zipf`` of its normalized form below
``MAX_ZIPF``): such words are what a reader who remembers an article types. Queries
keep the words as the article writes them (hamza, ة), only without diacritics or
tatweel; every comparison is on ``normalize_arabic`` forms.

Kinds:

- ``title``: 2 or 3 content words of the title, in title order.
- ``inflected``: 2 or 3 content words of the title, each turned into another
  inflection by one of the rules below. The result must differ from every word of
  the title (normalized), and it must be a plausible word: one that general Arabic
  uses, ``zipf`` of its normalized form at least ``MIN_PLAUSIBLE_ZIPF``. That check
  is what keeps «الترامب» or «صينها» out. Where several rules apply, one is drawn
  (a rule first, then one of its forms); the words keep their title order.
- ``body``: 3 content words of one body sentence, no two more than
  ``WINDOW`` - 1 words apart (a 12-word window), none of them in the title: neither
  its normalized form nor its bare form (``bare``: one و/ف, then one ب/ل/ك, then ال
  stripped, when three letters remain) is the normalized or bare form of a title
  word.

Inflection rules (applied to the word as written; "ال-word" = starts with ال):

- ``article-``: drop the article: الحكومة -> حكومة.
- ``article+``: add the article to a word without one: حكومة -> الحكومة.
- ``clitic-``: drop a conjunction or preposition before the article: والحكومة ->
  الحكومة, بالحكومة -> الحكومة, للحكومة -> الحكومة.
- ``conjunction+``: add و to a word that has no proclitic: حكومة -> وحكومة,
  الحكومة -> والحكومة.
- ``preposition+``: add ب or ل to a word that has no proclitic: حكومة -> بحكومة,
  لحكومة; الحكومة -> بالحكومة, للحكومة (ل + ال is written لل).
- ``plural``: feminine ة to the sound plural ات: حكومة -> حكومات, الحكومة -> الحكومات.
- ``singular``: the sound plural ات to ة: انتخابات -> انتخابة (rarely plausible, so
  rarely kept), مفاوضات -> مفاوضة.
- ``possessive``: a word without a proclitic, its article dropped, takes ها or هم,
  with ة written ت before it: الحكومة -> حكومتها, قرار -> قرارهم.

Ambiguity. A query whose words (normalized, exact) occur together in more than
``MAX_ARTICLES`` articles' title and body is too generic for one known item, and is
dropped; so is a title or inflected query whose title words also all occur in
another article's title (a twin headline from another outlet: no ranker can tell
which one is meant). Articles whose title has fewer than ``MIN_TITLE_WORDS`` words
give no title or inflected query.

Held out: a third of the queries, chosen by a hash of their article's id (so an
article stays on its side whatever else changes), is scored only at the end of a
piece of work (``held_out``, ``held_out.txt``). ``score`` computes success@1,
success@10, MRR over the first ten and the zero-result rate, overall and per kind;
``run_ours`` and ``run_baseline`` rank the queries inside a database that holds the
imported corpus (articles' ``source_id`` = corpus id).
"""

import argparse
import functools
import hashlib
import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive.text import function_words, normalize_arabic, tokenize, zipf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
DATA = ROOT / "tests" / "data" / "known_items"
KINDS = ("title", "inflected", "body")
SEED = 20251214

MAX_ZIPF = 5.0  # commoner words (روسيا, الحكومة) point at no article in particular
MIN_PLAUSIBLE_ZIPF = 2.0  # an inflected form general Arabic actually writes
MAX_ARTICLES = 30  # a query whose words occur together in more is too generic
MIN_TITLE_WORDS = 5
MIN_LETTERS = 3
WINDOW = 12  # body words: all three inside 12 consecutive words of one sentence
ATTEMPTS = 6  # tries per article before it is passed over
CUTOFF = 10  # success@10 and MRR look at the first page of ten

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"[.!؟?:;؛\n]+")
_PROCLITIC_ARTICLE = ("وال", "فال", "بال", "كال", "لل")
_FEMININE = "\u0629"  # ة


@dataclass(frozen=True)
class Word:
    """A word of an article: as written (marks removed) and normalized."""

    surface: str
    norm: str


def surface_words(text: str) -> list[Word]:
    """Every word of a text in order, without diacritics or tatweel.

    >>> [w.surface for w in surface_words("الْعَلاقَـات، الصينية 2018")]
    ['العلاقات', 'الصينية', '2018']
    """
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return [Word(m, normalize_arabic(m)) for m in _WORD.findall(text)]


def is_content(word: Word) -> bool:
    """A word a reader would type to find the article: Arabic, not a particle,
    not among the commonest words of the language.

    >>> is_content(Word("عشرات", "عشرات")), is_content(Word("التي", "التي"))
    (True, False)
    """
    return (
        _ARABIC_WORD.fullmatch(word.surface) is not None
        and len(word.norm) >= MIN_LETTERS
        and word.norm not in function_words()
        and zipf(word.norm) < MAX_ZIPF
    )


def bare(norm: str) -> str:
    """A normalized word without its proclitics (one و/ف, then one ب/ل/ك, then
    ال), each stripped while three letters remain. A crude key that strips too
    much rather than too little: it only ever keeps a body word out of a query.

    >>> bare("وبالحكومه"), bare("للحكومه"), bare("وزير")
    ('حكومه', 'حكومه', 'وزير')
    """
    if norm[:1] in "وف" and len(norm) > MIN_LETTERS + 1:
        norm = norm[1:]
    if norm.startswith("لل") and len(norm) > MIN_LETTERS + 1:
        norm = "ا" + norm[1:]  # لل is ل + ال
    elif norm[:1] in "بلك" and len(norm) > MIN_LETTERS + 1:
        norm = norm[1:]
    if norm.startswith("ال") and len(norm) >= MIN_LETTERS + 2:
        norm = norm[2:]
    return norm


# -- inflection rules ------------------------------------------------------------


def _has_proclitic(word: str) -> bool:
    return word.startswith(_PROCLITIC_ARTICLE)


def _article_minus(word: str) -> list[str]:
    if word.startswith("ال") and len(word) >= MIN_LETTERS + 2:
        return [word[2:]]
    return []


def _article_plus(word: str) -> list[str]:
    if word.startswith("ال") or _has_proclitic(word):
        return []
    return ["ال" + word]


def _clitic_minus(word: str) -> list[str]:
    if word.startswith("لل") and len(word) >= MIN_LETTERS + 2:
        return ["ال" + word[2:]]
    if word.startswith(_PROCLITIC_ARTICLE):
        return [word[1:]]
    return []


def _conjunction_plus(word: str) -> list[str]:
    if _has_proclitic(word) or word.startswith("و"):
        return []
    return ["و" + word]


def _preposition_plus(word: str) -> list[str]:
    if _has_proclitic(word):
        return []
    if word.startswith("ال"):
        return ["ب" + word, "لل" + word[2:]]
    return ["ب" + word, "ل" + word]


def _plural(word: str) -> list[str]:
    return [word[:-1] + "ات"] if word.endswith(_FEMININE) else []


def _singular(word: str) -> list[str]:
    if word.endswith("ات") and len(word) >= MIN_LETTERS + 2:
        return [word[:-2] + _FEMININE]
    return []


def _possessive(word: str) -> list[str]:
    if _has_proclitic(word):
        return []
    base = word[2:] if word.startswith("ال") else word
    if len(base) < MIN_LETTERS or base.endswith(("ا", "ى", "ي", "ه")):
        return []
    if base.endswith(_FEMININE):
        base = base[:-1] + "ت"
    return [base + "ها", base + "هم"]


RULES: dict[str, Callable[[str], list[str]]] = {
    "article-": _article_minus,
    "article+": _article_plus,
    "clitic-": _clitic_minus,
    "conjunction+": _conjunction_plus,
    "preposition+": _preposition_plus,
    "plural": _plural,
    "singular": _singular,
    "possessive": _possessive,
}


def inflections(word: str, avoid: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(rule, form) of every plausible other inflection of ``word``: forms general
    Arabic uses (``MIN_PLAUSIBLE_ZIPF``) whose normalized form is not ``word``'s
    nor one of ``avoid``.

    >>> ("plural", "حكومات") in inflections("حكومة")
    True
    >>> [form for _, form in inflections("ترامب")]  # no «الترامب», «بترامب»
    ['وترامب', 'لترامب']
    """
    avoided = {normalize_arabic(word), *avoid}
    found = []
    for name, rule in RULES.items():
        for form in rule(word):
            norm = normalize_arabic(form)
            if norm not in avoided and zipf(norm) >= MIN_PLAUSIBLE_ZIPF:
                found.append((name, form))
                avoided.add(norm)
    return found


# -- the corpus --------------------------------------------------------------------


@dataclass
class Article:
    """One corpus article as the generator sees it."""

    id: str
    title: list[Word]
    body: str
    title_norms: frozenset[str]
    title_bares: frozenset[str]

    @functools.cached_property
    def sentences(self) -> list[list[Word]]:
        """The body's sentences as words (only the body queries need them)."""
        sentences = (surface_words(s) for s in _SENTENCE.split(self.body))
        return [s for s in sentences if s]


class Corpus:
    """The articles, sorted by id, with the inverted indexes the ambiguity
    checks read: normalized word -> the articles (by position) whose text, or
    whose title, has it."""

    def __init__(self, records: Sequence[dict]):
        self.articles: list[Article] = []
        self.text_index: dict[str, set[int]] = {}
        self.title_index: dict[str, set[int]] = {}
        for position, record in enumerate(sorted(records, key=lambda r: r["id"])):
            title = surface_words(record["title"] or "")
            body = record["body"] or ""
            title_norms = frozenset(w.norm for w in title)
            article = Article(
                id=record["id"],
                title=title,
                body=body,
                title_norms=title_norms,
                title_bares=frozenset(bare(n) for n in title_norms),
            )
            self.articles.append(article)
            for word in set(tokenize(f"{record['title'] or ''}\n{body}")):
                self.text_index.setdefault(word, set()).add(position)
            for word in title_norms:
                self.title_index.setdefault(word, set()).add(position)

    @classmethod
    def read(cls, path: Path, limit: int | None = None) -> "Corpus":
        """The corpus file; with ``limit``, only the first ``limit`` articles by id
        (a quick slice for tests)."""
        with Path(path).open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        records.sort(key=lambda r: r["id"])
        return cls(records[:limit] if limit else records)

    def together(self, norms: Sequence[str], index: str = "text") -> set[int]:
        """The articles whose text (or title) has every one of ``norms``."""
        table = self.text_index if index == "text" else self.title_index
        postings = sorted((table.get(n, set()) for n in norms), key=len)
        return set.intersection(*postings) if postings else set()

    def distinctive(self, position: int, norms: Sequence[str], titled: bool) -> bool:
        """Whether ``norms`` point at the article at ``position``: at most
        ``MAX_ARTICLES`` articles have them all, and (``titled``) no other title
        has them all."""
        found = self.together(norms)
        if position not in found or len(found) > MAX_ARTICLES:
            return False
        return not titled or self.together(norms, "title") == {position}


# -- generation --------------------------------------------------------------------


def _title_query(
    corpus: Corpus, position: int, rng: random.Random
) -> list[Word] | None:
    article = corpus.articles[position]
    if len(article.title) < MIN_TITLE_WORDS:
        return None
    candidates = _distinct([w for w in article.title if is_content(w)])
    for _ in range(ATTEMPTS):
        if len(candidates) < 2:
            return None
        size = min(len(candidates), rng.choice((2, 3)))
        chosen = sorted(rng.sample(range(len(candidates)), size))
        words = [candidates[i] for i in chosen]
        if corpus.distinctive(position, [w.norm for w in words], titled=True):
            return words
    return None


def _inflected_query(
    corpus: Corpus, position: int, rng: random.Random
) -> list[str] | None:
    article = corpus.articles[position]
    if len(article.title) < MIN_TITLE_WORDS:
        return None
    avoid = sorted(article.title_norms)
    options = []
    for word in _distinct([w for w in article.title if is_content(w)]):
        forms = inflections(word.surface, avoid)
        if forms:
            options.append((word, forms))
    for _ in range(ATTEMPTS):
        if len(options) < 2:
            return None
        size = min(len(options), rng.choice((2, 3)))
        chosen = [options[i] for i in sorted(rng.sample(range(len(options)), size))]
        if corpus.distinctive(position, [w.norm for w, _ in chosen], titled=True):
            return [_draw(forms, rng) for _, forms in chosen]
    return None


def _draw(forms: list[tuple[str, str]], rng: random.Random) -> str:
    """One of a word's (rule, form) inflections: first a rule, then one of its
    forms, so that the rules that offer two forms are not drawn twice as often."""
    rules = list(dict.fromkeys(rule for rule, _ in forms))
    rule = rng.choice(rules)
    return rng.choice([form for r, form in forms if r == rule])


def _body_query(corpus: Corpus, position: int, rng: random.Random) -> list[Word] | None:
    article = corpus.articles[position]

    def eligible(word: Word) -> bool:
        return (
            is_content(word)
            and word.norm not in article.title_norms
            and bare(word.norm) not in article.title_bares
            and bare(word.norm) not in article.title_norms
        )

    # (sentence, positions of its eligible words) with three inside one window.
    windows = []
    for sentence in article.sentences:
        spots = [i for i, w in enumerate(sentence) if eligible(w)]
        starts = [
            k
            for k, i in enumerate(spots)
            if len({sentence[j].norm for j in spots[k:] if j - i < WINDOW}) >= 3
        ]
        if starts:
            windows.append((sentence, spots, starts))
    for _ in range(ATTEMPTS):
        if not windows:
            return None
        sentence, spots, starts = rng.choice(windows)
        first = spots[rng.choice(starts)]
        inside = [j for j in spots if first < j < first + WINDOW]
        seen, rest = {sentence[first].norm}, []
        for j in inside:
            if sentence[j].norm not in seen:
                seen.add(sentence[j].norm)
                rest.append(j)
        if len(rest) < 2:
            continue
        picked = [first, *sorted(rng.sample(rest, 2))]
        words = [sentence[j] for j in picked]
        if corpus.distinctive(position, [w.norm for w in words], titled=False):
            return words
    return None


def _distinct(words: list[Word]) -> list[Word]:
    """The words in order, each normalized form once."""
    seen, kept = set(), []
    for word in words:
        if word.norm not in seen:
            seen.add(word.norm)
            kept.append(word)
    return kept


def generate(
    corpus_path: "Path | Corpus" = DEFAULT_CORPUS,
    n_per_kind: int = 200,
    seed: int = SEED,
    limit: int | None = None,
) -> list[dict]:
    """``n_per_kind`` queries of each kind (fewer if the corpus runs out), each
    ``{"id", "kind", "query", "article"}``, ids ``ki-0001``… in kind order.

    ``limit`` reads only the first articles by id: the ambiguity checks then see
    only that slice, so a slice's queries are not the full set's. A ``Corpus``
    already read may stand for the path (``limit`` is then ignored)."""
    if isinstance(corpus_path, Corpus):
        corpus = corpus_path
    else:
        corpus = Corpus.read(corpus_path, limit)
    rng = random.Random(seed)
    order = list(range(len(corpus.articles)))
    rng.shuffle(order)
    used: set[int] = set()
    makers = {"title": _title_query, "inflected": _inflected_query, "body": _body_query}
    queries: list[dict] = []
    for kind in KINDS:
        made = 0
        for position in order:
            if made == n_per_kind:
                break
            if position in used:
                continue
            words = makers[kind](corpus, position, rng)
            if words is None:
                continue
            text = " ".join(w if isinstance(w, str) else w.surface for w in words)
            used.add(position)
            made += 1
            queries.append(
                {
                    "id": f"ki-{len(queries) + 1:04d}",
                    "kind": kind,
                    "query": text,
                    "article": corpus.articles[position].id,
                }
            )
    return queries


# -- the held-out third ------------------------------------------------------------


def is_held_out(query: dict) -> bool:
    """A third of the articles, by a hash of the article id: stable whatever else
    the generator changes, so an article never crosses from one side to the other.

    >>> is_held_out({"article": "ant-SK-internationalNews-100-20180223"})
    True
    """
    digest = hashlib.sha256(query["article"].encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 3 == 0


def held_out(queries: Sequence[dict]) -> list[str]:
    """The ids of the held-out queries, in file order."""
    return [q["id"] for q in queries if is_held_out(q)]


def split(queries: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """(development queries, held-out queries)."""
    out = set(held_out(queries))
    return [q for q in queries if q["id"] not in out], [
        q for q in queries if q["id"] in out
    ]


# -- files -------------------------------------------------------------------------

HELD_OUT_HEADER = (
    "# The held-out third of the known-item queries (tests/data/known_items):\n"
    "# scored only when a piece of work is done, never while tuning. Chosen by a\n"
    "# hash of each query's article id (devtools.known_items.is_held_out).\n"
)


def dumps(queries: Sequence[dict]) -> str:
    """``queries.jsonl``: one query a line, keys in a fixed order, UTF-8 text."""
    keys = ("id", "kind", "query", "article")
    return "".join(
        json.dumps({k: q[k] for k in keys}, ensure_ascii=False) + "\n" for q in queries
    )


def load(path: Path = DATA / "queries.jsonl") -> list[dict]:
    """The committed queries."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_held_out(path: Path = DATA / "held_out.txt") -> list[str]:
    """The committed held-out ids."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def write(queries: Sequence[dict], directory: Path = DATA) -> None:
    """Write ``queries.jsonl`` and ``held_out.txt`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "queries.jsonl").write_text(dumps(queries), encoding="utf-8")
    ids = "".join(f"{i}\n" for i in held_out(queries))
    (directory / "held_out.txt").write_text(HELD_OUT_HEADER + ids, encoding="utf-8")


# -- scoring -----------------------------------------------------------------------


def _figures(queries: Sequence[dict], ranked: dict[str, list[str]]) -> dict:
    n = len(queries)
    hits1 = hits10 = zero = 0
    rr = 0.0
    for query in queries:
        results = ranked[query["id"]]
        if not results:
            zero += 1
        first = results[:CUTOFF]
        if query["article"] in first:
            rank = first.index(query["article"]) + 1
            hits1 += rank == 1
            hits10 += 1
            rr += 1 / rank
    if not n:
        return {"n": 0, "success@1": 0.0, "success@10": 0.0, "mrr": 0.0, "zero": 0.0}
    return {
        "n": n,
        "success@1": hits1 / n,
        "success@10": hits10 / n,
        "mrr": rr / n,
        "zero": zero / n,
    }


def score(ranked: dict[str, list[str]], queries: Sequence[dict]) -> dict:
    """success@1, success@10, MRR over the first ten and the zero-result rate of
    ``ranked`` (query id -> corpus ids in rank order), under ``"all"`` and under
    each kind present. Every query must have an entry in ``ranked``."""
    figures = {"all": _figures(queries, ranked)}
    for kind in KINDS:
        subset = [q for q in queries if q["kind"] == kind]
        if subset:
            figures[kind] = _figures(subset, ranked)
    return figures


def report(systems: dict[str, dict], label: str = "known items") -> list[str]:
    """Lines of a table: one row per system and part (all, then each kind)."""
    first = next(iter(systems.values()))
    lines = [
        f"{label}: {first['all']['n']} queries",
        f"{'':34}{'s@1':>7}{'s@10':>7}{'MRR':>7}{'zero':>7}",
    ]
    for part in first:
        for name, figures in systems.items():
            f = figures[part]
            row = f"{name}, {part} ({f['n']})"
            lines.append(
                f"{row:34}{f['success@1']:7.3f}{f['success@10']:7.3f}"
                f"{f['mrr']:7.3f}{f['zero']:7.3f}"
            )
    return lines


# -- ranking in a database holding the corpus --------------------------------------


def our_ranking(query: str) -> list[str]:
    """The first ten corpus ids our search ranks for ``query``, every match ranked
    (as search_quality's ``uncapped_ranking``: rank, then newest, then id)."""
    from archive.models import Article
    from archive.search import search_articles

    results = search_articles(Article.objects.all(), query)
    if "rank" not in results.query.annotations:
        return []
    ordered = results.order_by("-rank", "-date", "-id")
    return list(ordered.values_list("source_id", flat=True)[:CUTOFF])


def served_ranking(query: str) -> list[str]:
    """The first ten corpus ids as the search API serves them (RANK_CAP applies)."""
    from django.test import Client
    from django.test.utils import override_settings

    from archive.models import Article

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        data = Client().get("/api/search/", {"q": query}).json()
    ids = [row["id"] for row in data.get("results", [])][:CUTOFF]
    sources = dict(Article.objects.filter(pk__in=ids).values_list("pk", "source_id"))
    return [sources[pk] for pk in ids]


def run_ours(queries: Sequence[dict], served: bool = False) -> dict[str, list[str]]:
    """Query id -> ranked corpus ids from our search (``served``: through the API)."""
    rank = served_ranking if served else our_ranking
    return {q["id"]: rank(q["query"]) for q in queries}


BASELINE_TABLE = "known_items_baseline"


def run_baseline(queries: Sequence[dict]) -> dict[str, list[str]]:
    """Query id -> ranked corpus ids from plain PostgreSQL: to_tsvector('arabic')
    of title and body @@ plainto_tsquery('arabic'), ordered by ts_rank_cd (ties:
    newest, then id, as ours). The vectors are computed once into a temporary
    table with a GIN index, which gives the same results as computing them in the
    WHERE clause, in seconds rather than hours."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {BASELINE_TABLE} AS"
            " SELECT id, source_id, date, to_tsvector('arabic',"
            " coalesce(title, '') || ' ' || coalesce(body, '')) AS v"
            " FROM archive_article"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS ki_v ON {BASELINE_TABLE} USING gin(v)"
        )
        ranked = {}
        for query in queries:
            cursor.execute(
                f"SELECT source_id FROM {BASELINE_TABLE},"
                " plainto_tsquery('arabic', %s) q WHERE v @@ q"
                " ORDER BY ts_rank_cd(v, q) DESC, date DESC NULLS LAST, id DESC"
                f" LIMIT {CUTOFF}",
                [query["query"]],
            )
            ranked[query["id"]] = [row[0] for row in cursor.fetchall()]
    return ranked


def main(argv: Sequence[str] | None = None) -> None:
    """Regenerate ``queries.jsonl`` and ``held_out.txt`` (the same bytes each run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    queries = generate(args.corpus, args.per_kind, args.seed)
    write(queries, args.out)
    counts = {k: sum(q["kind"] == k for q in queries) for k in KINDS}
    held = len(held_out(queries))
    print(  # noqa: T201 - a command-line tool reports what it wrote
        f"{len(queries)} queries {counts}, {held} held out, written to {args.out}"
    )


if __name__ == "__main__":
    main()

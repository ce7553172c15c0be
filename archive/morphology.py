"""Arabic words to search keys: clitics, affixes, nisba, broken plurals, verb forms.

One function, ``stem``, serves the indexed text and the query, so whatever it decides,
both sides decide the same. It strips only what it can justify:

- The definite article ال always (but not from function words such as التي).
- Conjunctions و ف and prepositions ب ك ل only when the word's frequency in general
  Arabic says it is the clitic reading: وبوتين is rare and بوتين frequent, so
  وبوتين = و + بوتين; بكين is as frequent as كين, so بكين keeps its ب. (Frequencies:
  ``data/ar_frequencies.tsv.gz``, built from wordfreq by scripts/build_frequencies.py.)
- Suffixes (ات ون ين ان تين ة ها هم ...) the same way, with ة restored before a pronoun
  (علاقتها -> علاقة): فلسطين and بوتين are far more frequent than فلسط or بوت, so they
  stay whole.
- Places and their nisba adjectives share one key (الصين, الصينية, صينيون), from the
  gazetteer ``data/lexicon/places.tsv``; broken plurals map to their singular
  (``broken_plurals.tsv``) and verb forms to their past tense (``verbs.tsv``);
  words that only look derived keep their own key (``independent_nouns.tsv``).
"""

import csv
import gzip
import itertools
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from archive.normalize import normalize_arabic

DATA = Path(__file__).resolve().parent / "data"
LEXICON = DATA / "lexicon"

# Zipf points a clitic or suffix costs: a prefixed form is expected to be that much
# rarer than its base. A word much more frequent than that is a word of its own.
CONJ_COST = 0.8
PREP_COST = {"ب": 1.0, "ل": 0.8, "ك": 1.5}  # كـ "as, like" is the rarest
ARTICLE_CHAIN_COST = 0.3
MARGIN = 0.5
MIN_STEM = 3  # letters a suffix must leave: بلد from بلدان, not ان from امان

VERB_MARK = "~"  # verb keys live apart from noun keys: قضى is not قضية
PLACE_MARK = "@"


def _rows(name: str) -> Iterator[dict]:
    path = LEXICON / name
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _norm(word: str) -> str:
    return normalize_arabic(word).strip()


@cache
def frequencies() -> dict[str, int]:
    table: dict[str, int] = {}
    with gzip.open(DATA / "ar_frequencies.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                word, _, value = line.rstrip("\n").partition("\t")
                table[word] = int(value)
    return table


def zipf(word: str) -> float:
    return frequencies().get(word, 0) / 100


def family(base: str) -> float:
    """How common the word ``base`` is in any of its bare forms."""
    return max(zipf(base), zipf("ال" + base), zipf(base + "ه"), zipf("ال" + base + "ه"))


@cache
def function_words() -> frozenset[str]:
    return frozenset(_norm(r["word"]) for r in _rows("function_words.tsv")) | {
        "الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي", "الي",
        "الا", "الان", "الله", "اللهم", "اذا", "ان", "لكن", "كما", "بين",
        "لان", "فقط", "ولكن", "لدي", "ليس", "ليست", "لقد", "لم", "لن", "بل",
    }  # fmt: skip


@cache
def independent_words() -> frozenset[str]:
    return frozenset(_norm(r["word"]) for r in _rows("independent_nouns.tsv"))


@cache
def places() -> tuple[dict[str, str], dict[str, str]]:
    """(name or alias -> place key, nisba stem -> place key), normalized, no article."""
    names: dict[str, str] = {}
    nisbas: dict[str, str] = {}
    for row in _rows("places.tsv"):
        key = PLACE_MARK + _bare(_norm(row["name"]))
        for name in [row["name"], *(row.get("aliases") or "").split("|")]:
            name = _bare(_norm(name))
            if name and " " not in name:
                names.setdefault(name, key)
        nisba = _bare(_norm(row.get("nisba") or ""))
        if nisba and " " not in nisba and len(nisba) >= 3:
            nisbas.setdefault(nisba, key)
    return names, nisbas


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


# A nisba adjective in its inflections: صيني صينيه صينيون صينيين صينيات صينيتين
NISBA_ENDINGS = ("", "ه", "ون", "ين", "ات", "تين", "تان", "ان", "ا")


@cache
def irregular() -> dict[str, str]:
    """Surface form -> key for broken plurals and verb forms."""
    table: dict[str, str] = {}
    for row in _rows("broken_plurals.tsv"):
        singular, plural = _norm(row["singular"]), _norm(row["plural"])
        if singular and plural and " " not in plural:
            table.setdefault(_bare(plural), regular_stem(_bare(singular)))
    for row in _rows("verbs.tsv"):
        past, present = _norm(row["past"]), _norm(row["present"])
        if not past or " " in past:
            continue
        key = VERB_MARK + past
        for form in verb_forms(past, present, _norm(row.get("participle") or "")):
            table.setdefault(form, key)
    return table


def verb_forms(past: str, present: str, participle: str) -> Iterator[str]:
    """The third-person forms news text uses, and the participle used as an adverb.

    >>> forms = set(verb_forms("قال", "يقول", "قائل"))
    >>> {"قالت", "قالوا", "يقول", "تقول", "يقولون", "سيقول", "قائلا"} <= forms
    True
    """
    yield past
    weak_end = past[-1] in "اي" and len(past) >= 3
    past_stem = past[:-1] if weak_end else past
    yield from (past + s for s in ("ت", "ا", "وا", "تا"))
    if weak_end:
        yield from (past_stem + s for s in ("ت", "وا", "تا"))
    if present.startswith("ي") and len(present) >= 3:
        stem = present[1:]
        weak = stem[-1] in "اوي"
        for prefix in ("ي", "ت", "ن", "ا", "سي", "ست", "سن"):
            yield prefix + stem
            for suffix in ("ون", "ان", "ين", "وا", "ن"):
                yield prefix + stem + suffix
                if weak:
                    yield prefix + stem[:-1] + suffix
    if participle:
        for suffix in ("", "ا", "ه", "ين", "ون", "ات", "ان"):
            yield participle + suffix
        if participle.endswith("ي"):  # داعي / داع
            yield participle[:-1] + "يا"


def _chains() -> list[tuple[str, float, bool]]:
    """(proclitic chain, cost, has article), longest first."""
    chains = []
    for conj, prep, art in itertools.product(
        ("", "و", "ف"), ("", "ب", "ك", "ل"), ("", "ال")
    ):
        if prep == "ل" and art:
            chain = conj + "لل"  # ل + ال is written لل
        else:
            chain = conj + prep + art
        if chain:
            cost = (CONJ_COST if conj else 0) + PREP_COST.get(prep, 0)
            chains.append((chain, cost, bool(art)))
    chains.sort(key=lambda c: -len(c[0]))
    return chains


CHAINS = _chains()

# (suffix, kind), longest first. ة is already ه after normalization, and stays: a
# feminine noun is not its masculine (طائرة is not طائر, رياضة is not الرياض).
SUFFIXES = sorted(
    [
        *(
            (s, "pronoun")
            for s in ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")
        ),
        *((s, "number") for s in ("ون", "ين", "ان", "يين", "يون")),
        *((s, "feminine_number") for s in ("ات", "تين", "تان")),
        ("ا", "tanween"),
    ],
    key=lambda item: -len(item[0]),
)
SUFFIX_COST = {
    "pronoun": 0.3,
    "number": 0.3,
    "feminine_number": 0.3,
    "tanween": 0.5,
}


def strip_proclitics(word: str) -> str:
    """The word without the clitics it really carries.

    >>> strip_proclitics("وبوتين"), strip_proclitics("بكين"), strip_proclitics("فبكين")
    ('بوتين', 'بكين', 'بكين')
    """
    if word in function_words():
        return word
    if word.startswith("ال") and len(word) >= 4:
        return word[2:]
    best, best_score = word, zipf(word) - MARGIN
    for chain, cost, has_article in CHAINS:
        if not word.startswith(chain) or len(word) - len(chain) < 2 or chain == "ال":
            continue
        core = word[len(chain) :]
        if has_article:
            # بالصين, والعلاقات, للتنمية: a clitic before the article is near certain
            score = family(core) - ARTICLE_CHAIN_COST
        else:
            score = max(zipf(core), zipf("ال" + core)) - cost
        if score > best_score and (has_article or zipf(core) or zipf("ال" + core)):
            best, best_score = core, score
    return best


def _feminine_or_not(base: str) -> str:
    """ات/تين/تان end both feminine nouns (علاقات) and others (اجتماعات): the key is
    whichever singular is the more common word."""
    return base + "ه" if family(base + "ه") >= zipf(base) else base


def _suffix_candidates(
    word: str, final_ta: bool = False
) -> Iterator[tuple[str, str, float]]:
    """(base, key, cost) readings of ``word`` as base + suffix(es)."""
    for suffix, kind in SUFFIXES:
        if not word.endswith(suffix):
            continue
        if final_ta and suffix == "ه":
            continue  # written ة: no pronoun
        base = word[: -len(suffix)]
        cost = SUFFIX_COST[kind]
        if kind == "feminine_number" and len(base) >= 2:
            # قوات -> قوة, جهات -> جهة: a two-letter base is fine with its ة
            yield base, _feminine_or_not(base) if len(base) > 2 else base + "ه", cost
            continue
        if len(base) < MIN_STEM:
            continue
        if kind == "pronoun":
            # ة becomes ت before a pronoun: علاقتها = علاقة + ها
            if base.endswith("ت") and len(base) > MIN_STEM:
                yield base[:-1] + "ه", base[:-1] + "ه", cost
            # the dual/plural construct drops its ن: بلديهما = بلدين + هما
            if base.endswith("ي") and len(base) > MIN_STEM:
                yield base[:-1], base[:-1], cost + SUFFIX_COST["number"]
            # a pronoun on a plural: علاقاتها, مسؤوليهم
            for inner, inner_kind in SUFFIXES:
                if inner_kind.endswith("number") and base.endswith(inner):
                    inner_base = base[: -len(inner)]
                    if len(inner_base) >= MIN_STEM:
                        key = (
                            _feminine_or_not(inner_base)
                            if inner_kind == "feminine_number"
                            else inner_base
                        )
                        yield inner_base, key, cost + SUFFIX_COST["number"]
        yield base, base, cost


def regular_stem(word: str, final_ta: bool = False) -> str:
    """Suffixes off a word already free of proclitics (no lexicon lookups).

    ``final_ta``: the word was written with ة, so its last letter is no pronoun.
    """
    if len(word) <= MIN_STEM or word in independent_words():
        return word
    best, best_score = word, zipf(word) - MARGIN
    for _base, key, cost in _suffix_candidates(word, final_ta):
        evidence = max(zipf(key), zipf("ال" + key))
        if evidence and evidence - cost > best_score:
            best, best_score = key, evidence - cost
    return best


@lru_cache(maxsize=300_000)
def stem(token: str) -> str:
    """The key a normalized token is matched by.

    >>> stem("وبوتين") == stem("بوتين"), stem("بكين") == stem("الكيني")
    (True, False)
    """
    if not token or token.isdigit() or token.isascii():
        return token
    final_ta = token.endswith("ة")
    token = token.replace("ة", "ه")
    table = irregular()
    if token in table:
        return table[token]
    core = strip_proclitics(token)
    if core in table:
        return table[core]
    if core in independent_words() or token in function_words():
        return core
    names, nisbas = places()
    if core in names:
        return names[core]
    for ending in NISBA_ENDINGS:
        if core.endswith(ending):
            head = core[: len(core) - len(ending)] if ending else core
            if head in nisbas:
                return nisbas[head]
            # الصينيه: the nisba ي then an ending
            if head.endswith("ي") and head[:-1] in nisbas:
                return nisbas[head[:-1]]
    # A nisba adjective: روسية is روسي, الدولية is دولي (and not دولة).
    if core.endswith("يه") and len(core) > MIN_STEM + 1 and zipf(core[:-1]):
        return core[:-1]
    return regular_stem(core, final_ta)

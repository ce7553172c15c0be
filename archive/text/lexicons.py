"""The analyzer's data: word frequencies and the lexicons in ``archive/data``.

Plain files read once per process (``functools.cache``): frequencies of general
Arabic (``ar_frequencies.tsv.gz``, built from wordfreq by scripts/build_frequencies.py)
and the tab-separated lexicons in ``data/lexicon/`` (their README says how each was
made). Everything here is pure Python: no Django, no database.
"""

import csv
import gzip
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from archive.text.normalize import normalize_arabic

DATA = Path(__file__).resolve().parent.parent / "data"
LEXICON = DATA / "lexicon"


def read_table(name: str) -> Iterator[dict]:
    """The rows of ``data/lexicon/<name>`` (tab-separated, ``#`` comments), as dicts."""
    path = LEXICON / name
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def normalized(word: str) -> str:
    """A lexicon entry as the analyzer compares it: normalized, trimmed."""
    return normalize_arabic(word).strip()


@cache
def frequencies() -> dict[str, int]:
    """Word -> Zipf frequency x 100 in general Arabic (normalized words)."""
    table: dict[str, int] = {}
    with gzip.open(DATA / "ar_frequencies.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                word, _, value = line.rstrip("\n").partition("\t")
                table[word] = int(value)
    return table


def zipf(word: str) -> float:
    """The Zipf frequency of a normalized word: 0 unknown, 7 the commonest."""
    return frequencies().get(word, 0) / 100


def family(base: str) -> float:
    """How common the word ``base`` is in any of its bare forms."""
    return max(zipf(base), zipf("ال" + base), zipf(base + "ه"), zipf("ال" + base + "ه"))


@cache
def function_words() -> frozenset[str]:
    """Particles, pronouns and prepositions: never stripped, never a name."""
    listed = frozenset(normalized(r["word"]) for r in read_table("function_words.tsv"))
    return listed | {
        "الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي", "الي",
        "الا", "الان", "الله", "اللهم", "اذا", "ان", "لكن", "كما", "بين",
        "لان", "فقط", "ولكن", "لدي", "ليس", "ليست", "لقد", "لم", "لن", "بل",
    }  # fmt: skip


@cache
def independent_words() -> frozenset[str]:
    """Words that only look derived and keep their own key."""
    return frozenset(normalized(r["word"]) for r in read_table("independent_nouns.tsv"))

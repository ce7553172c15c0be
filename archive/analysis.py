"""Turning Arabic text into search terms: one analyzer for documents and queries.

Every word of an article is indexed twice at the same position: its exact (normalized)
form, marked with a leading ``=``, and its stem. A query word asks for either, so exact
forms rank above stemmed matches, and a quoted phrase asks for exact forms only.
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Tashkeel (fathatan .. sukun, and the extended marks up to U+065F), the superscript
# alef and the Quranic annotation marks: readers rarely type them and pages use them
# inconsistently, so they must never decide whether a word matches.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"  # kashida only stretches a word on screen

_FOLD = str.maketrans(
    {
        # Hamza on or under alef, madda and wasla: written or dropped at will in
        # news text (احمد / أحمد), so all fold into bare alef, as Lucene does.
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        # Final alef maqsura and yeh are confused in Egyptian spelling (علي / على).
        "\u0649": "\u064a",
        # Teh marbuta is often written as heh (العلاقه); fold both to heh.
        "\u0629": "\u0647",
        # Persian yeh and keheh, common in pasted text.
        "\u06cc": "\u064a",
        "\u06a9": "\u0643",
        # Arabic-Indic and Persian digits: ٢٠٢٥ and 2025 are the same year.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)

# A word as it stands in the original text, marks included, for highlighting.
_WORD_SPAN = re.compile(r"[^\W_]+(?:[\u0610-\u061a\u064b-\u065f\u0670\u0640][^\W_]*)*")
# A token of normalized text: a run of letters or a run of digits ("ال75" is two).
_TOKEN = re.compile(r"[^\W\d_]+|\d+")

EXACT_MARK = "="
MAX_TOKEN = 60  # longer runs are URLs or debris; PostgreSQL refuses huge lexemes
MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions
MAX_POSITIONS_PER_LEXEME = 256  # and for positions kept per lexeme


def normalize_arabic(text: str) -> str:
    """Fold the spelling variants a reader does not distinguish.

    >>> normalize_arabic("الْعَلاقَـــات الصينيّة ﻻ ٢٠٢٥ Putin")
    'العلاقات الصينيه لا 2025 putin'
    """
    # NFKC folds presentation forms and the lam-alef ligature into plain letters.
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_FOLD).casefold()


def tokenize(text: str) -> list[str]:
    """Normalized tokens of a text; runs longer than any word are not tokens.

    >>> tokenize("بالصين، الـ75!")
    ['بالصين', 'ال', '75']
    """
    return [t for t in _TOKEN.findall(normalize_arabic(text)) if len(t) <= MAX_TOKEN]


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every word of the original text, diacritics included."""
    for match in _WORD_SPAN.finditer(text):
        yield match.start(), match.end()


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The form a word is matched by when not quoted.

    >>> stem("بوتين")
    'بوتين'
    """
    return token


def token_lexemes(token: str) -> tuple[str, str]:
    """(exact lexeme, stem lexeme) for one normalized token."""
    return EXACT_MARK + token, stem(token)


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def build_tsvector(fields: list[tuple[str, str]]) -> str:
    """A tsvector literal for weighted fields, e.g. [(title, "A"), (body, "C")].

    >>> build_tsvector([("روسيا", "A")])
    "'=روسيا':1A 'روسيا':1A"
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in fields:
        for token in tokenize(text):
            position = min(position + 1, MAX_POSITION)
            for lexeme in dict.fromkeys(token_lexemes(token)):
                slots = positions.setdefault(lexeme, [])
                if len(slots) < MAX_POSITIONS_PER_LEXEME:
                    slots.append(f"{position}{weight}")
        position += 10  # a gap, so a phrase never spans title and body
    return " ".join(
        f"{_quote(lexeme)}:{','.join(slots)}" for lexeme, slots in positions.items()
    )

"""Normalizing and tokenizing Arabic text: the spelling variants a reader ignores."""

import re
import unicodedata
from collections.abc import Iterator

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
        # Hamza on waw is written on yeh in Egyptian spelling (مسئول / مسؤول,
        # شئون / شؤون); no two news words differ by it alone.
        "\u0624": "\u0626",
        # Final alef maqsura and yeh are confused in Egyptian spelling (علي / على).
        "\u0649": "\u064a",
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

MAX_TOKEN = 60  # longer runs are URLs or debris; PostgreSQL refuses huge lexemes


# Teh marbuta is often written as heh (العلاقه); both fold to heh. Tokenizing keeps ة
# until the stemmer has seen it, since ة is never the pronoun ه (سلامة is not سلام+ه).
_TEH_MARBUTA = str.maketrans({"\u0629": "\u0647"})


def normalize_arabic(text: str, keep_teh_marbuta: bool = False) -> str:
    """Fold the spelling variants a reader does not distinguish.

    >>> normalize_arabic("الْعَلاقَـــات الصينيّة ﻻ ٢٠٢٥ Putin")
    'العلاقات الصينيه لا 2025 putin'
    """
    # NFKC folds presentation forms and the lam-alef ligature into plain letters.
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_FOLD).casefold()
    return text if keep_teh_marbuta else text.translate(_TEH_MARBUTA)


def tokenize(text: str, keep_teh_marbuta: bool = False) -> list[str]:
    """Normalized tokens of a text; runs longer than any word are not tokens.

    >>> tokenize("بالصين، الـ75!")
    ['بالصين', 'ال', '75']
    """
    norm = normalize_arabic(text, keep_teh_marbuta)
    return [t for t in _TOKEN.findall(norm) if len(t) <= MAX_TOKEN]


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every word of the original text, diacritics included."""
    for match in _WORD_SPAN.finditer(text):
        yield match.start(), match.end()

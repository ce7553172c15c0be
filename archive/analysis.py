"""Turning Arabic text into search terms: one analyzer for documents and queries.

Every word of an article is indexed twice at the same position: its exact (normalized)
form, marked with a leading ``=``, and its stem (``archive.morphology``). A query word
asks for either, so exact forms rank above stemmed matches, and a quoted phrase asks for
exact forms only.
"""

from functools import lru_cache

from archive.morphology import stem
from archive.normalize import MAX_TOKEN, normalize_arabic, tokenize, word_spans

__all__ = [
    "EXACT_MARK",
    "MAX_TOKEN",
    "build_tsvector",
    "normalize_arabic",
    "stem",
    "text_keys",
    "token_lexemes",
    "word_tokens",
    "tokenize",
    "word_spans",
]

EXACT_MARK = "="
MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions
MAX_POSITIONS_PER_LEXEME = 256  # and for positions kept per lexeme


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[tuple[str, str], ...]:
    """(normalized token, search key) for each token of one word as written."""
    return tuple(
        (t.replace("ة", "ه"), stem(t)) for t in tokenize(word, keep_teh_marbuta=True)
    )


def text_keys(text: str) -> tuple[str, ...]:
    """The search keys of a text, word by word (cached per word)."""
    return tuple(key for a, b in word_spans(text) for _, key in word_tokens(text[a:b]))


def token_lexemes(token: str) -> tuple[str, str]:
    """(exact lexeme, stem lexeme) for one token (ة kept, see ``normalize``)."""
    return EXACT_MARK + token.replace("ة", "ه"), stem(token)


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def build_tsvector(fields: list[tuple[str, str]]) -> str:
    """A tsvector literal for weighted fields, e.g. [(title, "A"), (body, "C")].

    >>> build_tsvector([("روسيا", "A")])
    "'=روسيا':1A '@روسيا':1A"
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in fields:
        for token in tokenize(text, keep_teh_marbuta=True):
            position = min(position + 1, MAX_POSITION)
            for lexeme in dict.fromkeys(token_lexemes(token)):
                slots = positions.setdefault(lexeme, [])
                if len(slots) < MAX_POSITIONS_PER_LEXEME:
                    slots.append(f"{position}{weight}")
        position += 10  # a gap, so a phrase never spans title and body
    return " ".join(
        f"{_quote(lexeme)}:{','.join(slots)}" for lexeme, slots in positions.items()
    )

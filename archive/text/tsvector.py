"""Search vectors: the text of an article as PostgreSQL ``tsvector`` literals.

Every word of an article is indexed twice at the same position: its exact
(normalized) form, marked with ``EXACT_MARK``, and its search key
(``archive.text.morphology.stem``). A query word asks for either, so exact forms
rank above stemmed matches, and a quoted phrase asks for exact forms only.

The importer (``build_tsvector``) and the corpus generator (``analyse`` once per
sentence, then ``assemble_tsvector`` per article) go through the same assembly, so
the same text always gets the same vector, byte for byte.
"""

from collections.abc import Iterable, Sequence

from archive.text.marks import EXACT_MARK
from archive.text.morphology import stem
from archive.text.normalize import tokenize

MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions
MAX_POSITIONS_PER_LEXEME = 256  # and for positions kept per lexeme
FIELD_GAP = 10  # positions between fields, so a phrase never spans title and body

# One token of analysed text: (exact lexeme, key lexeme).
Lexemes = tuple[str, str]


def token_lexemes(token: str) -> Lexemes:
    """(exact lexeme, key lexeme) for one normalized token (ة kept).

    >>> token_lexemes("العلاقة")
    ('=العلاقه', 'علاقه')
    """
    return EXACT_MARK + token.replace("ة", "ه"), stem(token)


def quote_lexeme(lexeme: str) -> str:
    """A lexeme as a quoted tsvector/tsquery literal: never read as syntax.

    >>> quote_lexeme("it's")
    "'it''s'"
    """
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def analyse(text: str) -> list[Lexemes]:
    """The lexemes of a text, token by token.

    >>> analyse("قالت روسيا")
    [('=قالت', '~قال'), ('=روسيا', '@روسيا')]
    """
    return [token_lexemes(t) for t in tokenize(text, keep_teh_marbuta=True)]


def assemble_tsvector(fields: Iterable[tuple[Iterable[Sequence[Lexemes]], str]]) -> str:
    """A tsvector literal from analysed fields: (runs of tokens, weight) each.

    A field may come in several runs (the generator's sentences): they follow one
    another as if they were one text. Fields are ``FIELD_GAP`` positions apart.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for runs, weight in fields:
        for run in runs:
            for pair in run:
                position = min(position + 1, MAX_POSITION)
                slot = f"{position}{weight}"
                for lexeme in pair:
                    slots = positions.get(lexeme)
                    if slots is None:
                        positions[lexeme] = [slot]
                    elif len(slots) < MAX_POSITIONS_PER_LEXEME:
                        slots.append(slot)
        position += FIELD_GAP
    return " ".join(
        f"{quote_lexeme(lexeme)}:{','.join(slots)}"
        for lexeme, slots in positions.items()
    )


def build_tsvector(fields: list[tuple[str, str]]) -> str:
    """A tsvector literal for weighted fields, e.g. [(title, "A"), (body, "C")].

    >>> build_tsvector([("روسيا", "A")])
    "'=روسيا':1A '@روسيا':1A"
    """
    return assemble_tsvector(([analyse(text)], weight) for text, weight in fields)

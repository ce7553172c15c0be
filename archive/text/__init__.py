"""The Arabic analyzer: text to normalized tokens, search keys and search vectors.

Pure Python, no Django and no database, so every layer above (search, ingest) and
every test can use it alone. One analyzer serves the indexed text and the query:

- ``normalize``: spelling variants a reader ignores (diacritics, alef forms, digits);
- ``morphology``: ``stem``, a word's search key (clitics, affixes, nisba, plurals,
  verb forms), decided from word frequencies and the lexicons;
- ``lexicons``: the data files those decisions read;
- ``keys``: (normalized form, key) per word, cached;
- ``marks``: the prefixes that keep exact forms, places and verbs apart;
- ``tsvector``: the weighted ``tsvector`` literal of a text.
"""

from archive.text.keys import text_keys, word_tokens
from archive.text.lexicons import function_words, read_table, zipf
from archive.text.marks import EXACT_MARK, PLACE_MARK, VERB_MARK
from archive.text.morphology import stem, strip_proclitics
from archive.text.normalize import MAX_TOKEN, normalize_arabic, tokenize, word_spans
from archive.text.tsvector import (
    MAX_POSITION,
    MAX_POSITIONS_PER_LEXEME,
    analyse,
    assemble_tsvector,
    build_tsvector,
    quote_lexeme,
    token_lexemes,
)

__all__ = [
    "EXACT_MARK",
    "MAX_POSITION",
    "MAX_POSITIONS_PER_LEXEME",
    "MAX_TOKEN",
    "PLACE_MARK",
    "VERB_MARK",
    "analyse",
    "assemble_tsvector",
    "build_tsvector",
    "function_words",
    "normalize_arabic",
    "quote_lexeme",
    "read_table",
    "stem",
    "strip_proclitics",
    "text_keys",
    "token_lexemes",
    "tokenize",
    "word_spans",
    "word_tokens",
    "zipf",
]

"""Words to (normalized form, search key) pairs: what every other layer compares.

The importer's people and theme finders and the search vectors all see a text
through these functions, so a word means the same thing everywhere (the related
coverage compares copies of a story on normalized words instead: a copy repeats
its words as written). Cached per word: news text repeats its words.
"""

from functools import lru_cache

from archive.text.morphology import stem
from archive.text.normalize import tokenize, word_spans


@lru_cache(maxsize=200_000)
def word_tokens(word: str) -> tuple[tuple[str, str], ...]:
    """(normalized token, search key) for each token of one word as written.

    >>> word_tokens("وبالصين")
    (('وبالصين', '@صين'),)
    """
    return tuple(
        (t.replace("ة", "ه"), stem(t)) for t in tokenize(word, keep_teh_marbuta=True)
    )


def text_keys(text: str) -> tuple[str, ...]:
    """The search keys of a text, word by word (cached per word)."""
    return tuple(key for a, b in word_spans(text) for _, key in word_tokens(text[a:b]))

"""The archive's own vocabulary: the words its articles use, and how often.

Read from the search vectors (``ts_stat``) after every import into ``archive_word``
(``refresh``). Two uses:

- **Words general Arabic does not know.** The analyzer strips a clitic or a suffix
  only when the frequency table of general Arabic says so; a new name, a rare word or
  a form frequent with its preposition keeps it (وشعبها is indexed as وشعب, بنجاح
  whole, an invented ساهدات whole). The archive is evidence too, for the words the
  frequency table does not know at all: such a key loses a proclitic when the
  archive holds the rest in as many articles (لكوفيد -> كوفيد), and an ending when
  the rest is in at least as many articles or is attested with two different
  endings (ساهدات, ساهدين -> ساهد). A known word keeps the analyzer's reading
  (شعبان is no dual of شعب, واحد no و + احد). A query word then also matches
  every key of its base (``related_keys``). The index is never
  changed by this, so it stays true whatever order articles arrive in.
- **Did you mean** (``archive.search.suggest``): the written forms, by frequency.
"""

import io
import time

from django.db import connection, transaction

from archive.text import EXACT_MARK
from archive.text.lexicons import zipf
from archive.text.morphology import SUFFIXES

CLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")  # longest first
ENDINGS = tuple(s for s, kind in SUFFIXES if kind != "tanween")
MIN_BASE = 3  # letters a base keeps
CHECK_SECONDS = 2.0  # how often a process asks whether the vocabulary changed

STATS = "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM archive_article')"


def _plain(lexeme: str) -> bool:
    """A search key of Arabic letters (not a written form, place, verb or number)."""
    return bool(lexeme) and all("\u0621" <= ch <= "\u064a" for ch in lexeme)


def bases(counts: dict[str, int]) -> dict[str, str]:
    """{key: base} for the keys the archive's evidence reduces.

    >>> bases({"كوفيد": 40, "لكوفيد": 3, "وزير": 90, "زير": 1})
    {'لكوفيد': 'كوفيد'}
    >>> sorted(bases({"ساهدات": 1, "ساهدين": 2, "وساهدون": 1}).items())
    [('ساهدات', 'ساهد'), ('ساهدين', 'ساهد'), ('وساهدون', 'ساهد')]
    """
    keys = {k: n for k, n in counts.items() if _plain(k)}
    stems: dict[str, set[str]] = {}  # base -> endings it is attested with
    for key in keys:
        for ending in ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= MIN_BASE:
                stems.setdefault(key[: -len(ending)], set()).add(ending)
    found = {}
    for key, n in keys.items():
        base = _reduce(key, n, keys, stems)
        if base != key:
            found[key] = base
    return found


def _reduce(key: str, n: int, keys: dict[str, int], stems) -> str:
    core = key
    for clitic in CLITICS:
        rest = key[len(clitic) :]
        if key.startswith(clitic) and len(rest) >= MIN_BASE:
            if _clitic_reading(key, rest, n, keys, stems):
                core = rest
                break
    return _suffixed_base(core, n, keys, stems)


def _clitic_reading(key: str, rest: str, n: int, keys, stems) -> bool:
    """Whether ``key`` is a clitic + ``rest``, by the archive's evidence: for a
    word general Arabic does not know (وساهد, لكوفيد), when the archive holds the
    rest in at least as many articles. A known word keeps the analyzer's reading:
    its weighing of general frequencies keeps واحد, كامل, كذلك whole, and the
    archive's counts could not tell those from بنجاح (measured: 20 of the 30
    commonest such pairs wrong)."""
    if zipf(key) > 0:
        return False
    # A rare name may start with the letter of a clitic (بوليساريو, كازار): the rest
    # must be in at least as many articles as the whole, and in two.
    if keys.get(rest, 0) >= max(n, 2):
        return True
    base = _suffixed_base(rest, n, keys, stems)  # وساهدون: و + ساهد + ون
    return base != rest and (
        keys.get(base, 0) >= max(n, 2) or len(stems.get(base, ())) >= 2
    )


def _suffixed_base(word: str, n: int, keys: dict[str, int], stems) -> str:
    if zipf(word) > 0:
        return word  # general Arabic knows it: the analyzer's ending stays (شعبان)
    for ending in ENDINGS:
        base = word[: -len(ending)]
        if not word.endswith(ending) or len(base) < MIN_BASE:
            continue
        if keys.get(base, 0) >= n:
            return base
        if len(stems.get(base, ())) >= 2:
            return base  # ساهدات, ساهدين: a paradigm of a word never seen before
    return word


REFRESH_LOCK = 0x766F6361  # "voca": pg_advisory_xact_lock key of refresh()


def refresh() -> int:
    """Rebuild ``archive_word`` from the vectors; returns how many words."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Two imports that finish at once would each delete the other's
        # rows unseen and then copy over them: one refresh at a time, and
        # each reads the vectors only once the one before it has committed.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
        cursor.execute(STATS)
        counts = dict(cursor.fetchall())
        reduced = bases(counts)
        buffer = io.StringIO()
        for lexeme, n in counts.items():
            if "\t" in lexeme or "\n" in lexeme or "\\" in lexeme:
                continue
            buffer.write(f"{lexeme}\t{n}\t{reduced.get(lexeme, '')}\n")
        cursor.execute("DELETE FROM archive_word")
        with cursor.copy(
            "COPY archive_word (lexeme, articles, base) FROM STDIN"
        ) as copy:
            copy.write(buffer.getvalue())
        cursor.execute("SELECT nextval('archive_vocabulary_version')")
        cursor.execute("ANALYZE archive_word")
    _LOADED["checked"] = 0.0
    return len(counts)


_LOADED: dict = {"version": None, "checked": 0.0, "base": {}, "members": {}}


def _tables() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(key -> base, base -> its keys), reloaded when another process refreshed."""
    now = time.monotonic()
    if now - _LOADED["checked"] > CHECK_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_value, is_called FROM archive_vocabulary_version"
            )
            version = cursor.fetchone()
            if version != _LOADED["version"]:
                cursor.execute("SELECT lexeme, base FROM archive_word WHERE base <> ''")
                base = dict(cursor.fetchall())
                members: dict[str, list[str]] = {}
                for key, b in base.items():
                    members.setdefault(b, []).append(key)
                _LOADED.update(
                    version=version,
                    base=base,
                    members={b: tuple(sorted(k)) for b, k in members.items()},
                )
        _LOADED["checked"] = now
    return _LOADED["base"], _LOADED["members"]


def version() -> tuple:
    """The refresh count: what a process's copies are keyed on."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value, is_called FROM archive_vocabulary_version")
        return cursor.fetchone()


def forget() -> None:
    """Drop this process's copy (a test's rolled-back vocabulary)."""
    _LOADED.update(version=None, checked=0.0, base={}, members={})


def related_keys(keys: set[str]) -> dict[str, tuple[str, ...]]:
    """{key: the other keys of its base} for query keys the archive relates."""
    base_of, members = _tables()
    if not members:
        return {}
    found = {}
    for key in keys:
        base = base_of.get(key) or _query_base(key, members)
        if base is None:
            continue
        others = tuple(k for k in (base, *members.get(base, ())) if k != key)
        if others:
            found[key] = others
    return found


def _query_base(key: str, members) -> str | None:
    """A query word the archive has never seen (وساهدون typed, never written):
    its clitic and ending off, if what is left is a base the archive holds."""
    if key in members:
        return key
    cores = [key] + [key[len(c) :] for c in CLITICS if key.startswith(c)]
    for core in cores:
        if len(core) < MIN_BASE:
            continue
        if core in members:
            return core
        for ending in ENDINGS:
            base = core[: -len(ending)]
            if core.endswith(ending) and len(base) >= MIN_BASE and base in members:
                return base
    return None


def written_forms(min_articles: int = 2) -> list[tuple[str, int]]:
    """(written form, articles) of the forms in at least ``min_articles``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT substr(lexeme, 2), articles FROM archive_word"
            " WHERE lexeme LIKE %s AND articles >= %s ORDER BY articles DESC",
            [EXACT_MARK.replace("%", r"\%") + "%", min_articles],
        )
        return cursor.fetchall()

"""Did you mean: the archive's own words nearest to a query word that found little.

Candidates are the written forms of the archive's vocabulary in at least two
articles (``archive.search.vocabulary``), compared on an Arabic skeleton: the
analyzer's normalization (hamza seats, ى/ي, ة/ه) and then the letters a foreign
name is transliterated with in turn folded together (غ ج ك ق for g, ت ط for t,
س ص, ذ ز ظ ض د, ح ه), a doubled letter written once. Forms with the same skeleton
come first; then forms one or two edits away (rapidfuzz's Levenshtein distance, in
C); among equals, the more articles the better. Forms of one search key are one
suggestion, and a form the typed word already matches is none.
"""

import math
import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from archive.search import vocabulary
from archive.text import normalize_arabic
from archive.text.morphology import stem

SHOWN = 3  # suggestions per word
FEW = 3  # a search with fewer results than this gets suggestions
MIN_LENGTH = 3  # letters a word needs before it is corrected

_FOLD = str.maketrans(
    {"غ": "ج", "ك": "ج", "ق": "ج", "ط": "ت", "ص": "س", "ذ": "د", "ز": "د",
     "ظ": "د", "ض": "د", "ح": "ه", "ؤ": "و", "ئ": "ي", "ء": "ا"}
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")

_INDEX: dict = {"version": None, "forms": [], "counts": [], "skeletons": [], "by": {}}


def forget() -> None:
    """Drop this process's index (a test's rolled-back vocabulary)."""
    _INDEX["version"] = None


def skeleton(word: str) -> str:
    """A form with its transliteration variants folded together.

    >>> skeleton("بيونغيانغ") == skeleton("بيونجيانج"), skeleton("روسياا")
    (True, 'روسيا')
    """
    return _DOUBLED.sub(r"\1", normalize_arabic(word).translate(_FOLD))


def _index() -> dict:
    version = vocabulary.version()
    if version != _INDEX["version"]:
        rows = vocabulary.written_forms()
        forms = [f for f, _ in rows]
        skeletons = [skeleton(f) for f in forms]
        by: dict[str, list[int]] = {}
        for i, s in enumerate(skeletons):
            by.setdefault(s, []).append(i)
        _INDEX.update(
            version=version,
            forms=forms,
            counts=[n for _, n in rows],
            skeletons=skeletons,
            by=by,
        )
    return _INDEX


def nearest(word: str, limit: int = SHOWN) -> list[tuple[str, int]]:
    """(form, articles) of the archive's forms nearest ``word``, best first."""
    norm = normalize_arabic(word)
    if len(norm) < MIN_LENGTH or not norm.isalpha():
        return []
    index = _index()
    if not index["forms"]:
        return []
    key = skeleton(norm)
    most = 1 if len(key) <= 4 else 2
    found = {}
    for i in index["by"].get(key, ()):
        found[i] = 0
    for _, distance, i in process.extract(
        key,
        index["skeletons"],
        scorer=Levenshtein.distance,
        score_cutoff=most,
        limit=50,
    ):
        found.setdefault(i, distance)
    # One suggestion per search key (روسيا, وروسيا and بروسيا are one search),
    # shown in its commonest form; none the typed word already matches.
    typed = stem(norm)
    groups: dict[str, list[int]] = {}
    for i in found:
        key_i = stem(normalize_arabic(index["forms"][i]))
        if key_i != typed:
            groups.setdefault(key_i, []).append(i)
    ranked = sorted(
        groups.values(),
        key=lambda g: (
            min(found[i] for i in g),
            -math.log(sum(index["counts"][i] for i in g)),
        ),
    )
    out = []
    nearest_distance = min((found[i] for i in ranked[0]), default=0) if ranked else 0
    for group in ranked[:limit]:
        if min(found[i] for i in group) > nearest_distance:
            break  # only the nearest: a farther word is another word
        best = max(group, key=lambda i: index["counts"][i])
        out.append((index["forms"][best], sum(index["counts"][i] for i in group)))
    return out


def did_you_mean(q: str, parsed) -> list[dict]:
    """[{"word", "form", "articles", "q"}]: for each plain word of the query, the
    nearest forms, each with the query rewritten to use it."""
    out = []
    if parsed is None:
        return out
    for group in parsed.groups:
        for clause in group:
            if clause.negated or clause.near or clause.prefix or clause.alternatives:
                continue
            if len(clause.tokens) != 1 or not clause.written:
                continue
            for form, articles in nearest(clause.tokens[0]):
                rewritten = q.replace(clause.written, form, 1)
                out.append(
                    {"word": clause.written, "form": form, "articles": articles,
                     "q": rewritten}
                )  # fmt: skip
    return out

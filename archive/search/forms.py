"""Which written forms matched: for each word of a query, the forms the archive's
matching articles use, with how often («الصين»: الصين 812، بالصين 140، والصين 96 …).

The analyzer matches a word in many forms; a reader who sees which ones can judge
the match and search one form exactly (its link quotes it). Counted over the
articles the page shows (titles and openings), read anyway, as the page says.
"""

import re
from collections import Counter
from collections.abc import Iterable

from archive.search.highlight import starts_with, word_lexemes
from archive.search.query import ParsedQuery
from archive.text import normalize_arabic, token_lexemes, word_spans

FORMS_SHOWN = 8  # forms listed per query word
TEXT_CHARS = 4000  # of each article: its title and opening
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alef, tatweel


def matched_forms(parsed: ParsedQuery, texts: Iterable[str]) -> list[dict]:
    """[{"word": the query word, "forms": [{"form", "count"}, …]}, …] for each
    single-word, non-negated clause of the query, most frequent form first.

    >>> from archive.search import parse_query
    >>> found = matched_forms(parse_query("الصين", aliases={}),
    ...                       ["زار بكين وقال إن الصين والصين.", "في الصين"])
    >>> [(f["form"], f["count"]) for f in found[0]["forms"]]
    [('الصين', 2), ('والصين', 1)]
    """
    words = []
    for group in parsed.groups:
        units = [u for c in group if not c.negated for u in c.units()]
        for clause in units:
            if len(clause.tokens) != 1:
                continue
            names = [
                clause.tokens[0],
                *(a[0] for a in clause.alternatives if len(a) == 1),
            ]
            wanted = set()
            for name in names:
                lexemes = token_lexemes(name)
                wanted |= {lexemes[0]} if clause.exact else set(lexemes)
                wanted.update(clause.variants.get(lexemes[1], ()))
            prefix = normalize_arabic(clause.tokens[0]) if clause.prefix else None
            word = clause.written if clause.prefix else clause.tokens[0]
            words.append((word, wanted, prefix, Counter()))
    if not words:
        return []
    for text in texts:
        text = text[:TEXT_CHARS]
        for start, end in word_spans(text):
            written = text[start:end]
            lexemes = word_lexemes(written)
            for _, wanted, prefix, counts in words:
                if starts_with(written, [prefix]) if prefix else lexemes & wanted:
                    counts[_MARKS.sub("", written)] += 1
    return [
        {
            "word": word,
            "forms": [
                {"form": form, "count": n}
                for form, n in counts.most_common(FORMS_SHOWN)
            ],
        }
        for word, _, _, counts in words
    ]

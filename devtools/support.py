"""Does an article support the people linked to it? An independent check.

A speaker link is supported when the article (title and body) names the person by
one of the registry's spellings (name, Latin name, aliases) or, in the years the
registry gives it, by one of their titles. Words are compared as the reader sees
them: normalized (``archive.text.normalize_arabic``), the first word of a name
allowed the clitics a name takes in Arabic (و ف ب ل ك, and لل for ال); never
through stemming, which is what the check is there to catch (كيري is not رأت).
"""

from collections import Counter
from dataclasses import dataclass, field

from archive.text import tokenize

CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def spelled(text: str) -> tuple[str, ...]:
    """The normalized words of a name or a title, as compared here."""
    return tuple(t.replace("ة", "ه") for t in tokenize(text, keep_teh_marbuta=True))


def first_word_forms(word: str) -> set[str]:
    """Every way the first word of a name may be written with clitics before it.

    >>> sorted(first_word_forms("الاسد"))[:4]
    ['الاسد', 'بالاسد', 'فالاسد', 'فبالاسد']
    >>> "للاسد" in first_word_forms("الاسد"), "يري" in first_word_forms("كيري")
    (True, False)
    """
    forms = {clitic + word for clitic in CLITICS}
    if word.startswith("ال"):
        forms |= {c + "لل" + word[2:] for c in ("", "و", "ف")}
    return forms


def names_in(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` stands in ``words`` (its first word with clitics)."""
    if not phrase:
        return False
    first, rest, n = first_word_forms(phrase[0]), phrase[1:], len(phrase)
    return any(
        words[i] in first and words[i + 1 : i + n] == rest
        for i in range(len(words) - n + 1)
    )


@dataclass
class Support:
    links: int = 0
    unsupported: int = 0
    by_person: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)  # person -> an article id

    @property
    def share(self) -> float:
        return self.unsupported / self.links if self.links else 0.0


def person_phrases(person) -> tuple[list, list]:
    """(spellings, [(title, since, until)]) of a registry person, as compared."""
    spellings = [spelled(s) for s in [person.name, person.name_latin, *person.aliases]]
    titles = []
    for title in person.titles:
        text, _, rest = title.partition("|")
        years = [int(y) if y.strip().isdigit() else None for y in rest.split("|")]
        years += [None, None]
        titles.append((spelled(text), years[0], years[1]))
    return [s for s in spellings if s], titles


def supported(words: tuple[str, ...], person, year: int | None) -> bool:
    spellings, titles = person_phrases(person)
    if any(names_in(words, s) for s in spellings):
        return True
    for title, since, until in titles:
        in_years = year is None or not (
            (since and year < since) or (until and year > until)
        )
        if in_years and names_in(words, title):
            return True
    return False

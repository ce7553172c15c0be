"""Arabic words to search keys: clitics, affixes, nisba, broken plurals, verb forms.

One function, ``stem``, serves the indexed text and the query, so whatever it decides,
both sides decide the same. It strips only what it can justify:

- The definite article ال always (but not from function words such as التي).
- Conjunctions و ف and prepositions ب ك ل only when the word's frequency in general
  Arabic says it is the clitic reading: وبوتين is rare and بوتين frequent, so
  وبوتين = و + بوتين; بكين is as frequent as كين, so بكين keeps its ب. (Frequencies:
  ``archive/data/ar_frequencies.tsv.gz``, from wordfreq: scripts/build_frequencies.py.)
- Suffixes (ات ون ين ان تين ة ها هم ...) the same way, with ة restored before a pronoun
  (علاقتها -> علاقة): فلسطين and بوتين are far more frequent than فلسط or بوت, so they
  stay whole.
- Places and their nisba adjectives share one key (الصين, الصينية, صينيون), from the
  gazetteer ``archive/data/lexicon/places.tsv``; broken plurals map to their singular
  (``broken_plurals.tsv``) and verb forms to their past tense (``verbs.tsv``);
  words that only look derived keep their own key (``independent_nouns.tsv``).
"""

import itertools
from collections.abc import Iterator
from functools import cache, lru_cache

from archive.text.lexicons import (
    family,
    function_words,
    independent_words,
    normalized,
    read_table,
    zipf,
)
from archive.text.marks import PLACE_MARK, VERB_MARK
from archive.text.normalize import normalize_arabic

# Zipf points a clitic or suffix costs: a prefixed form is expected to be that much
# rarer than its base. A word much more frequent than that is a word of its own.
CONJ_COST = 0.8
PREP_COST = {"ب": 1.0, "ل": 0.8, "ك": 1.5}  # كـ "as, like" is the rarest
ARTICLE_CHAIN_COST = 0.3
MARGIN = 0.5
MIN_STEM = 3  # letters a suffix must leave: بلد from بلدان, not ان from امان
NOUN_MARGIN = 0.6  # zipf points the article form of a noun may trail its ب form


@cache
def places() -> tuple[dict[str, str], dict[str, str]]:
    """(name or alias -> place key, nisba stem -> place key), normalized, no article.

    A place whose nisba is spelled like its name lends no nisba: مالي (Mali) is
    also "financial". Aliases get the nisba their name's pattern gives: أميركا ->
    أميركي, like أمريكا -> أمريكي. A spelling shared by two places (كوريا), and an
    alias that is a common word (كيف for Kyiv, القمر for the Comoros), names none.
    """
    names: dict[str, set[str]] = {}
    nisbas: dict[str, set[str]] = {}
    for row in read_table("places.tsv"):
        name = _bare_raw(row["name"])
        key = PLACE_MARK + name.replace(" ", "_")
        raw_aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        aliases = [_bare_raw(a) for a in raw_aliases]
        for alias, raw in [
            (name, row["name"]),
            *zip(aliases, raw_aliases, strict=True),
        ]:
            if not alias or " " in alias:
                continue
            if alias != name and _common_word(alias, raw):
                continue
            names.setdefault(alias, set()).add(key)
        nisba = _bare_raw(row.get("nisba") or "")
        if not nisba or " " in nisba or len(nisba) < 3 or nisba == name:
            continue
        nisbas.setdefault(nisba, set()).add(key)
        spellings = [name, *aliases]
        for model in spellings:
            if _nisba_like(model, nisba, model) != nisba:
                continue  # the nisba is not built from this spelling
            for alias in spellings:
                derived = _nisba_like(model, nisba, alias)
                if derived and derived != alias and " " not in derived:
                    nisbas.setdefault(derived, set()).add(key)

    def unique(table: dict[str, set[str]]) -> dict[str, str]:
        # كوري is the nisba of both Koreas: it names neither.
        return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}

    return unique(names), unique(nisbas)


@cache
def article_places() -> frozenset[str]:
    """Places whose name takes the article (الصين، اليابان): "السيول" is floods,
    "سيول" is Seoul."""
    return frozenset(
        _bare_raw(row["name"])
        for row in read_table("places.tsv")
        if row["name"].strip().startswith("ال")
    )


def _common_word(alias: str, raw: str) -> bool:
    return (
        alias in function_words()
        or zipf("ال" + alias) >= 4.0
        or (raw.strip().startswith("ال") and zipf(alias) >= 4.5)
    )


def place_key(token: str) -> str | None:
    """The place a token names, proclitics and article allowed where they fit."""
    names = places()[0]
    if token in names and token not in article_places():
        return names[token]
    for chain, _, has_article in CHAINS:
        core = token[len(chain) :]
        if token.startswith(chain) and core in names:
            if has_article == (core in article_places()):
                return names[core]
    return None


def _nisba_like(name: str, nisba: str, other: str) -> str | None:
    """The nisba of ``other`` built the way ``nisba`` is built from ``name``."""
    if nisba == name[:-1] + "ي" and other.endswith("ا"):  # امريكا -> امريكي
        return other[:-1] + "ي"
    if nisba == name[:-1] and other.endswith("يا"):  # روسيا -> روسي
        return other[:-1]
    if nisba == name + "ي":  # مصر -> مصري
        return other + "ي"
    return None


def _bare_raw(word: str) -> str:
    """Normalized, without the article the raw spelling shows (الصين -> صين;
    ألمانيا keeps its alef-lam: it is no article)."""
    word = word.strip()
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return normalized(word)


# A nisba adjective in its inflections: صيني صينيه صينيون صينيين صينيات صينيتين
NISBA_ENDINGS = ("", "ه", "ون", "ين", "ات", "تين", "تان", "ان", "ا")


@cache
def irregular() -> dict[str, str]:
    """Surface form -> key for broken plurals and verb forms."""
    table: dict[str, str] = {}
    rows = list(read_table("broken_plurals.tsv"))
    # كتاب is the plural of كاتب but far more often "book", the singular of كتب.
    singulars = {_bare_raw(r["singular"]) for r in rows}
    for row in rows:
        singular, plural = row["singular"].strip(), _bare_raw(row["plural"])
        if singular and plural and " " not in plural and plural not in singulars:
            table.setdefault(plural, lemma_key(singular))
    # إعلام (media) is spelled like أعلام (flags) once hamza is folded: a plural
    # that is also a verbal noun is left to the regular rules.
    masdars = {
        _bare_raw(r["masdar"]) for r in read_table("verbs.tsv") if r.get("masdar")
    }
    for plural in [p for p in table if p in masdars or p in independent_words()]:
        del table[plural]
    for row in read_table("verbs.tsv"):
        past, present = normalized(row["past"]), normalized(row["present"])
        if not past or " " in past:
            continue
        # A past tense that is also a common noun (قتل killing, تعاون cooperation)
        # shares the noun's key, so the noun and the verb's forms meet.
        noun_too = zipf("ال" + past) >= zipf(past) - 1.0
        key = past if noun_too else VERB_MARK + past
        for form in verb_forms(past, present, normalized(row.get("participle") or "")):
            table.setdefault(form, key)
    return table


def verb_forms(past: str, present: str, participle: str) -> Iterator[str]:
    """The third-person forms news text uses, and the participle used as an adverb.

    >>> forms = set(verb_forms("قال", "يقول", "قائل"))
    >>> "قائل" in forms
    False
    >>> {"قالت", "قالوا", "يقول", "تقول", "يقولون", "سيقول", "قائلا"} <= forms
    True
    """
    yield past
    weak_end = past[-1] in "اي" and len(past) >= 3
    past_stem = past[:-1] if weak_end else past
    yield from (past + s for s in ("ت", "ا", "وا", "تا"))
    if weak_end:
        yield from (past_stem + s for s in ("ت", "وا", "تا"))
    if present.startswith("ي") and len(present) >= 3:
        stem = present[1:]
        weak = stem[-1] in "اوي"
        for prefix in ("ي", "ت", "ن", "ا", "سي", "ست", "سن"):
            yield prefix + stem
            for suffix in ("ون", "ان", "ين", "وا", "ن"):
                yield prefix + stem + suffix
                if weak:
                    yield prefix + stem[:-1] + suffix
    if participle:
        # Only the adverbial accusative (مؤكدا، قائلا): as nouns, participles are
        # words of their own (المضيف, the host, is not أضاف).
        yield participle + "ا"
        if weak_end:  # داع -> داعيا, ملتق -> ملتقيا
            yield participle + "يا"


def _chains() -> list[tuple[str, float, bool]]:
    """(proclitic chain, cost, has article), longest first."""
    chains = []
    for conj, prep, art in itertools.product(
        ("", "و", "ف"), ("", "ب", "ك", "ل"), ("", "ال")
    ):
        if prep == "ل" and art:
            chain = conj + "لل"  # ل + ال is written لل
        else:
            chain = conj + prep + art
        if chain:
            cost = (CONJ_COST if conj else 0) + PREP_COST.get(prep, 0)
            chains.append((chain, cost, bool(art)))
    chains.sort(key=lambda c: -len(c[0]))
    return chains


CHAINS = _chains()

# (suffix, kind), longest first. ة is already ه after normalization, and stays: a
# feminine noun is not its masculine (طائرة is not طائر, رياضة is not الرياض).
SUFFIXES = sorted(
    [
        *(
            (s, "pronoun")
            for s in ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")
        ),
        *((s, "number") for s in ("ون", "ين", "ان", "يين", "يون")),
        *((s, "feminine_number") for s in ("ات", "تين", "تان")),
        ("ا", "tanween"),
    ],
    key=lambda item: -len(item[0]),
)
SUFFIX_COST = {
    "pronoun": 0.3,
    "number": 0.3,
    "feminine_number": 0.3,
    "tanween": 0.5,
}


def _own(word: str) -> float:
    """How common the whole is as a word of its own: itself, or a feminine noun
    under a pronoun, its ة written ت (وزارتها: وزارة + ها, not و + زارتها)."""
    own = zipf(word)
    for pronoun in PRONOUNS:
        head = word[: -len(pronoun)]
        if word.endswith(pronoun) and head.endswith("ت") and len(head) > MIN_STEM:
            return max(own, zipf(head[:-1] + "ه") - SUFFIX_COST["pronoun"])
    return own


@lru_cache(maxsize=300_000)
def strip_proclitics(word: str) -> str:
    """The word without the clitics it really carries.

    >>> strip_proclitics("وبوتين"), strip_proclitics("بكين"), strip_proclitics("فبكين")
    ('بوتين', 'بكين', 'بكين')
    """
    if word in function_words():
        return word
    names = places()[0]
    if word in names:
        return word  # المانيا: its alef-lam is no article
    for chain, _, has_article in CHAINS:
        core = word[len(chain) :]
        if word.startswith(chain) and core in names:
            if has_article == (core in article_places()):
                return core  # والمانيا, لروسيا, بالصين
    if word.startswith("ال") and len(word) >= 4:
        return word[2:]
    best, best_score = word, _own(word) - MARGIN
    for chain, cost, has_article in CHAINS:
        if not word.startswith(chain) or chain == "ال":
            continue
        core = word[len(chain) :]
        # A conjunction or preposition must leave a real word: ولي is not و + لي,
        # but وشي is و + شي (Xi), far more common than the whole.
        if len(core) < 2 or (
            len(core) == 2 and not (zipf(core) >= 4.5 and zipf(word) < zipf(core) - 1.5)
        ):
            continue
        if has_article:
            # بالصين, والعلاقات, للتنمية: a clitic before the article is near certain
            score = family(core) - ARTICLE_CHAIN_COST
            if chain.endswith("لل"):
                # للجنة: ل + لجنة (committee) or ل + ال + جنة? The commoner word.
                other = "ل" + core
                other_score = max(zipf(other), zipf("ال" + other)) - ARTICLE_CHAIN_COST
                if other_score > score and other_score > best_score:
                    best, best_score = other, other_score
                    continue
        else:
            score = max(zipf(core), zipf("ال" + core)) - cost
        if score > best_score and (has_article or zipf(core) or zipf("ال" + core)):
            best, best_score = core, score
    if best == word and (_preposition_on_noun(word) or _conjunction_on_verb(word)):
        return word[1:]
    return best


def _conjunction_on_verb(word: str) -> bool:
    """ويجلي, وتجدر, وتوعدت: و on a present or a past in ت that the frequency
    table knows. The rest is at least as common as the whole and never takes the
    article (no اليجلي), so it is a verb, and a conjunction is what goes before a
    verb (no verb lexicon lists every verb)."""
    if len(word) < 5 or word[0] != "و" or word[1] not in "يت":
        return False
    core, whole = word[1:], zipf(word)
    # A word the table does not know is left to the archive's own evidence
    # (archive.search.vocabulary): فيدريكا is no ف + يدريكا.
    return whole > 0 and zipf(core) >= whole and zipf("ال" + core) == 0


def _preposition_on_noun(word: str) -> bool:
    """بنجاح, بطريقة, لضمان: ب or ل on a noun, though the whole is a common word
    of its own in general Arabic ("successfully"). The whole is never written with
    the article (no البنجاح), so it is no noun itself; the rest is at least as
    common and takes the article about as often as the whole occurs (النجاح), so it
    is one. A verb of the lexicon keeps its letter (باشر)."""
    if len(word) < 4 or word[0] not in "بل" or word in irregular():
        return False
    core = word[1:]
    whole = zipf(word)
    return (
        zipf("ال" + word) == 0
        and zipf(core) >= whole
        and zipf("ال" + core) >= whole - NOUN_MARGIN
    )


def _feminine_or_not(base: str) -> str:
    """ات/تين/تان end both feminine nouns (علاقات) and others (اجتماعات): the key is
    whichever singular is the more common word."""
    return base + "ه" if family(base + "ه") >= zipf(base) else base


def _suffix_candidates(
    word: str, final_ta: bool = False
) -> Iterator[tuple[str, str, float]]:
    """(base, key, cost) readings of ``word`` as base + suffix(es)."""
    for suffix, kind in SUFFIXES:
        if not word.endswith(suffix):
            continue
        if final_ta and suffix == "ه":
            continue  # written ة: no pronoun
        base = word[: -len(suffix)]
        cost = SUFFIX_COST[kind]
        if kind == "feminine_number" and len(base) >= 2:
            # قوات -> قوة, جهات -> جهة: a two-letter base is fine with its ة
            yield base, _feminine_or_not(base) if len(base) > 2 else base + "ه", cost
            continue
        if len(base) < MIN_STEM:
            continue
        if kind == "pronoun":
            # ة becomes ت before a pronoun: علاقتها = علاقة + ها
            if base.endswith("ت") and len(base) >= MIN_STEM:
                yield base[:-1] + "ه", base[:-1] + "ه", cost
            # the dual/plural construct drops its ن: بلديهما = بلدين + هما
            if base.endswith("ي") and len(base) > MIN_STEM:
                yield base[:-1], base[:-1], cost + SUFFIX_COST["number"]
            # a pronoun on a plural: علاقاتها, مسؤوليهم
            for inner, inner_kind in SUFFIXES:
                if inner_kind.endswith("number") and base.endswith(inner):
                    inner_base = base[: -len(inner)]
                    if len(inner_base) >= MIN_STEM:
                        key = (
                            _feminine_or_not(inner_base)
                            if inner_kind == "feminine_number"
                            else inner_base
                        )
                        yield inner_base, key, cost + SUFFIX_COST["number"]
        yield base, base, cost


def regular_stem(word: str, final_ta: bool = False) -> str:
    """Suffixes off a word already free of proclitics (no lexicon lookups).

    ``final_ta``: the word was written with ة, so its last letter is no pronoun.
    """
    key = _strip_suffix(word, final_ta)
    if key != word:
        # علاقاتها -> علاقات -> علاقة: a pronoun may sit on a plural ending.
        key = _strip_suffix(key, key.endswith("ه") and not word.endswith("ه"))
    return key


def _strip_suffix(word: str, final_ta: bool) -> str:
    if len(word) <= MIN_STEM or word in independent_words():
        return word
    best, best_score = word, zipf(word) - MARGIN
    for _base, key, cost in _suffix_candidates(word, final_ta):
        evidence = max(zipf(key), zipf("ال" + key))
        if evidence and evidence - cost > best_score:
            best, best_score = key, evidence - cost
    return best


PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه")


def _lookup(word: str, table: dict[str, str], final_ta: bool = False) -> str | None:
    """A lexicon key for the word, itself or with an object or possessive pronoun
    (اهدافها = اهداف + ها, اطلقتها = اطلقت + ها)."""
    if word in table:
        return table[word]
    for pronoun in PRONOUNS:
        if final_ta and pronoun == "ه":
            continue  # written ة: قضية is no verb with a pronoun
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 3:
            head = word[: -len(pronoun)]
            for candidate in (head, head[:-1] + "ء" if head.endswith("ئ") else None):
                if candidate and candidate in table:
                    return table[candidate]
    return None


def lemma_key(word: str) -> str:
    """The key of a dictionary form (a singular, a past tense): ``stem`` without
    the lexicon of irregular forms, so regular and irregular forms meet."""
    token = normalize_arabic(word, keep_teh_marbuta=True).strip()
    final_ta = token.endswith("ة")
    if token.startswith("ال") and len(token) > 4:
        token = token[2:]
    return _regular_key(token.replace("ة", "ه"), final_ta)


def _regular_key(core: str, final_ta: bool) -> str:
    names, nisbas = places()
    if core in names:
        return names[core]
    for ending in NISBA_ENDINGS:
        if core.endswith(ending):
            head = core[: len(core) - len(ending)] if ending else core
            if head in nisbas:
                return nisbas[head]
            if head.endswith("ي") and head[:-1] in nisbas:
                return nisbas[head[:-1]]
    if core in independent_words():
        return core
    return _nisba_base(regular_stem(core, final_ta))


def _nisba_base(word: str) -> str:
    """A nisba adjective meets its noun: الاقتصادية -> اقتصاد, الحكومية -> حكومة;
    but not where the adjective has a meaning of its own (دولي, رئيسي)."""
    if word in independent_words():
        return word
    if word.endswith("يه") and zipf(word[:-1]) >= 2.0:
        word = word[:-1]  # النووية -> نووي
        if word in independent_words():
            return word
    for ending in ("يه", "ي"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            base = word[: -len(ending)]
            if base + "ي" in independent_words():
                return word
            feminine, masculine = family(base + "ه"), max(zipf(base), zipf("ال" + base))
            if max(feminine, masculine) >= 3.0:
                return base + "ه" if feminine > masculine else base
    return word


@lru_cache(maxsize=300_000)
def stem(token: str) -> str:
    """The key a normalized token is matched by.

    >>> stem("وبوتين") == stem("بوتين"), stem("بكين") == stem("الكيني")
    (True, False)
    >>> stem("وشعبها") == stem("شعب"), stem("لتسيطر") == stem("تسيطر")
    (True, True)
    """
    if not token or token.isdigit() or token.isascii():
        return token
    final_ta = token.endswith("ة")
    return _key(token.replace("ة", "ه"), final_ta)


def _present_forms() -> frozenset[str]:
    """The lexicon's present-tense forms without سـ: what a لـ of purpose or
    command goes before (ليواجه, لتحدد, لنبني)."""
    return _presents()


@cache
def _presents() -> frozenset[str]:
    forms = set()
    for row in read_table("verbs.tsv"):
        present = normalized(row["present"])
        if not present.startswith("ي") or len(present) < 3 or " " in present:
            continue
        base = present[1:]
        for prefix in ("ي", "ت", "ن", "ا"):
            forms.add(prefix + base)
            for suffix in ("ون", "ان", "ين", "وا", "ن"):
                forms.add(prefix + base + suffix)
                if base[-1] in "اوي":
                    forms.add(prefix + base[:-1] + suffix)
    return frozenset(forms)


@cache
def _participles() -> frozenset[str]:
    """The lexicon's active participles that begin with a clitic's letter, in
    their regular inflections (واثق, واثقة, واثقون...)."""
    forms = set()
    for row in read_table("verbs.tsv"):
        participle = normalized(row.get("participle") or "")
        if len(participle) >= 4 and participle[0] in "وفبلك" and " " not in participle:
            forms.update(participle + e for e in ("", "ه", "ون", "ين", "ان", "ات"))
    return frozenset(forms)


def _key(token: str, final_ta: bool) -> str:
    if token in function_words():
        return token
    place = place_key(token)
    if place is not None:
        return place
    table = irregular()
    found = _lookup(token, table, final_ta)
    # تعاون, أمن: a verb's past that is also a noun is the noun when the noun
    # reading (with the article) is common.
    if found is not None and not (
        found.startswith(VERB_MARK) and zipf("ال" + token) >= zipf(token) - 1.0
    ):
        return found
    if token in _participles():
        # واثق, وارد, واعدة are participles (confident, incoming, promising), not
        # و + أثق, رد, أعدّ: the same key as with the article (الواثق, الوارد).
        return _regular_key(token, final_ta)
    # A verb or broken plural behind a clitic: وأضاف, فقال, والدول, للدول. Unless the
    # whole is a common word of its own (وزارة is not و + زار + ه).
    own = _own(token)
    for chain, _, has_article in CHAINS:
        if token.startswith(chain) and len(token) - len(chain) >= 3:
            core = token[len(chain) :]
            found = _lookup(core, table, final_ta)
            if found is None:
                continue
            if (
                found.startswith(VERB_MARK)
                and chain not in ("و", "ف")
                and not (chain in ("ل", "ول", "فل") and core in _present_forms())
            ):
                # Only a conjunction goes before a past (كيري is not ك + يري); a
                # لـ of purpose before a present too (لتسيطر, ليواجه).
                continue
            if has_article or own <= zipf(core) + MARGIN:
                return found
    core = strip_proclitics(token)
    if core != token and core.startswith(VERB_MARK):
        return core
    if token and core == token[1:] and token[0] in "وف":
        # A conjunction off, the rest is read as a word of its own, clitics and
        # all: وبإجراء is و + بإجراء, and بإجراء is ب + إجراء.
        return _key(core, final_ta)
    key = _regular_key(core, final_ta)
    if core == token and key != token and key[:1] in ("و", "ف", "ب", "ل"):
        # A suffix off, the base keeps the clitic it has on its own: وشعبها is
        # وشعب + ها, and وشعب is و + شعب, so وشعبها is و + شعبها; لمكافحتها is
        # ل + مكافحتها. (Not كـ: كتمان -> كتم would be ك + تم.)
        rest = strip_proclitics(key)
        if (
            rest == key[1:]
            and len(rest) >= MIN_STEM
            and rest not in function_words()
            and not rest.startswith(VERB_MARK)
        ):
            return _key(token[1:], final_ta)  # what شعبها would be
    return key

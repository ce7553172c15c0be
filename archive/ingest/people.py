"""Who speaks in an article, who is only mentioned, and what they said.

Pure functions over the article's paragraphs and the registry of people. A person
speaks when a verb of saying (قال، أكد، أشار، أوضح، شدد، أعرب، لفت ...) has them as
subject, when speech is attributed to them (وفقا لـ، بحسب، نقلا عن), or when a direct
quotation is theirs; anyone else the article names is mentioned. Titles stand for a
person when no name follows ("وأكد الرئيس الصيني"), for the years they held them.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from archive.text import (
    PLACE_MARK,
    VERB_MARK,
    function_words,
    normalize_arabic,
    stem,
    strip_proclitics,
    text_keys,
    tokenize,
    word_spans,
    word_tokens,
    zipf,
)

Keys = tuple[str, ...]

SAYING_VERBS = (
    "قال يقول اكد يؤكد اشار يشير اوضح يوضح اضاف يضيف شدد يشدد اعرب يعرب لفت يلفت "
    "صرح يصرح اعتبر يعتبر راي يري ذكر يذكر اعلن يعلن دعا يدعو طالب يطالب حذر يحذر "
    "نفي ينفي تابع يتابع افاد يفيد ادلي يدلي كتب غرد علق يعلق اجاب يجيب "
    "وصف يصف ابدي يبدي تعهد يتعهد جدد يجدد اعترف يعترف رد يرد ختم "
    "اشاد يشيد ادان يدين دان ندد يندد انتقد ينتقد رحب يرحب اتهم يتهم تساءل اقر "
    "استنكر يستنكر"
)
ATTRIBUTION = ("وفقا", "حسب", "بحسب", "حسبما", "نقلا", "لسان", "تصريح", "تصريحات")
# Words that stand between a verb of saying and a name: titles and their qualifiers.
TITLE_WORDS = set(
    "رئيس رئيسه الرئيس وزير وزيره الوزير المتحدث المتحدثه الناطق الناطقه باسم سفير "
    "السفير مندوب المندوب نائب مدير المدير الامين العام مساعد مستشار قائد زعيم "
    "الخارجيه الدفاع الحكومه الوزراء الكرملين الرئاسه مجلس الامن الدوله وزاره "
    "الرسمي الرسميه الاول السابق الجديد الاعلي للشؤون الخارجيه الدائم لدي الامم "
    "القائم باعمال وكيل خبير باحث محلل رئيسه_الوزراء المفوض المبعوث الخاص "
    "المتحده الشعب الحزب الشيوعي اللجنه المركزيه العسكريه رئيس_الوزراء عضو البرلمان "
    "السيناتور الجنرال الادميرال الرئيسي التنفيذي شركه نظيره الصحفي الخبير المحلل "
    "الاستاذ الدكتور المعارض الزعيم الملك الامير ولي العهد السيد السيده".split()
)


# A name as it is written: its normalized words. Only the first may carry clitics.
Words = tuple[str, ...]
# Clitics a name may carry in news text: وبوتين، لبوتين، فلافروف، وللأسد.
NAME_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


@dataclass(frozen=True)
class PersonEntry:
    name: str
    # The words of the name and every alias, with whether the name is weak: a
    # one-word alias that is also a common word (المعلم teacher, الأسد lion, عباس),
    # which names the person only after a title (الوزير المعلم، الرئيس الأسد).
    names: tuple[tuple[Words, bool], ...]
    titles: tuple[tuple[Keys, int | None, int | None], ...] = ()


@dataclass
class Token:
    start: int
    end: int
    key: str
    norm: str
    in_quote: bool = False


@dataclass
class FoundQuote:
    speaker: str | None
    text: str
    position: int


@dataclass
class People:
    speakers: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (name, context)


def keys_of(text: str) -> Keys:
    return text_keys(text)


@cache
def saying_manner_keys() -> frozenset[str]:
    """«قائلا», «مضيفا»: the words that make the sentence's subject a speaker."""
    return frozenset(
        keys_of("قائلا مضيفا مؤكدا مشيرا موضحا معربا مشددا لافتا معتبرا داعيا")
    )


@cache
def saying_keys() -> frozenset[str]:
    return frozenset(stem(w) for w in SAYING_VERBS.split()) | saying_manner_keys()


def build_entry(name: str, aliases: list[str], latin: str, titles: list[str]):
    """A registry row as the extractor needs it.

    Names match as they are written, never through their stems: كيري (Kerry) is
    not the verb form يرى with ك, روته (Rutte) not روى. Single-word aliases that
    are also function words are dropped (لولا, Lula, is mostly "if not"); those
    that are common words are weak (``PersonEntry.names``).

    >>> entry = build_entry("وليد المعلم", ["المعلم"], "Walid Muallem", [])
    >>> [(" ".join(words), weak) for words, weak in entry.names]
    [('وليد المعلم', False), ('walid muallem', False), ('المعلم', True)]
    """
    names = []
    for alias in [name, latin, *aliases]:
        words = name_words(alias)
        if not words or (len(words) == 1 and _too_common(alias)):
            continue
        names.append((words, len(words) == 1 and _common_word(words[0])))
    parsed_titles = []
    for title in titles:
        text, _, rest = title.partition("|")
        years = [int(y) if y.strip().isdigit() else None for y in rest.split("|")]
        years += [None, None]
        parsed_titles.append((keys_of(text), years[0], years[1]))
    return PersonEntry(name, tuple(dict.fromkeys(names)), tuple(parsed_titles))


def name_words(text: str) -> Words:
    """The words of a name as tokens of text are compared with it."""
    return tuple(t.replace("ة", "ه") for t in tokenize(text, keep_teh_marbuta=True))


def name_forms(word: str) -> set[str]:
    """How the first word of a name may be written: with clitics before it.

    >>> sorted(name_forms("بوتين"))[:3]
    ['ببوتين', 'بوتين', 'فببوتين']
    >>> "للاسد" in name_forms("الاسد"), "يري" in name_forms("كيري")
    (True, False)
    """
    forms = {clitic + word for clitic in NAME_CLITICS}
    if word.startswith("ال"):
        forms |= {c + "لل" + word[2:] for c in ("", "و", "ف")}
    return forms


def _common_word(word: str) -> bool:
    """A one-word name that general Arabic also uses as a word: المعلم (معلم,
    teacher), الأسد (lion), عباس (العباس). A foreign surname (بوتين, كيري) has
    no such reading."""
    if word.isascii():
        return False
    if word.startswith("ال"):
        return zipf(word[2:]) >= COMMON_WORD_ZIPF
    return zipf("ال" + word) >= COMMON_WORD_ZIPF


# Zipf of the word's other reading above which a one-word name is weak: معلم 4.4,
# اسد 4.3, العباس 4.2, العون 4.1; الشي 3.99 (شي جين بينغ) and بوتين 0 stay strong.
COMMON_WORD_ZIPF = 4.0


def _too_common(word: str) -> bool:
    (token, *_) = tokenize(word) or [""]
    return token in function_words() or (not token.isascii() and zipf(token) >= 5.5)


def _tokens(text: str) -> list[Token]:
    quoted = [m.span() for m in _QUOTE.finditer(text)]
    tokens = []
    for a, b in word_spans(text):
        inside = bool(quoted) and any(qa < a < qb for qa, qb in quoted)
        for norm, key in word_tokens(text[a:b]):
            tokens.append(Token(a, b, key, norm, inside))
    return tokens


_SENTENCE_END = re.compile(r"[.!?؟]\s+|\n")
_QUOTE = re.compile(r"“([^”]{3,})”|«([^»]{3,})»|\"([^\"]{3,})\"|”([^”]{3,})”")


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        # A full stop inside a quotation does not end the sentence.
        before = paragraph[start : match.start()]
        if (
            before.count("“") > before.count("”")
            or before.count("«") > before.count("»")
            or before.count('"') % 2
        ):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def find_people(
    paragraphs: list[str], registry: list[PersonEntry], year: int | None = None
) -> People:
    """Speakers, people mentioned, quotes and unknown speakers of an article.

    >>> reg = [build_entry("فلاديمير بوتين", ["بوتين"], "Vladimir Putin", [])]
    >>> found = find_people(["وقال بوتين: «العلاقات مع الصين في أفضل حالاتها»."], reg)
    >>> found.speakers, found.quotes[0].text
    (['فلاديمير بوتين'], 'العلاقات مع الصين في أفضل حالاتها')
    """
    by_first = lookup(registry, year)
    titles_holders = by_first.holders
    result = People()
    speakers: dict[str, None] = {}
    mentioned: dict[str, None] = {}
    last_speaker: str | None = None
    # People the article has named in full or by a title so far: after «بشار
    # الأسد», «قال الأسد» is him, though alone الأسد may be any lion.
    named: set[str] = set()
    offset = 0
    saying = saying_keys()
    for paragraph in paragraphs:
        for s_start, s_end in _sentences(paragraph):
            sentence = paragraph[s_start:s_end]
            tokens = _tokens(sentence)
            mentions = _mentions(tokens, by_first, titles_holders, named)
            sentence_speakers = []
            for start, end, name in mentions:
                if _speaks(tokens, start, end, mentions, saying, sentence):
                    speakers.setdefault(name)
                    sentence_speakers.append((start, name))
                else:
                    mentioned.setdefault(name)
            opening_verb = any(t.key in saying for t in tokens[:2])
            anaphoric = opening_verb and not any(s < 9 for s, _ in sentence_speakers)
            if sentence_speakers:
                last_speaker = sentence_speakers[-1][1]
            elif anaphoric and last_speaker:
                speakers.setdefault(last_speaker)
            for match in _QUOTE.finditer(sentence):
                text = next(g for g in match.groups() if g is not None).strip()
                if len(text.split()) < 3 or _FRAGMENT_START.match(text):
                    continue  # a scare-quoted term or a fragment, not a quotation
                if _relayed(sentence[: match.start()]):
                    continue  # «نقلا عن …»: the source's words, not the speaker's
                speaker = _quote_speaker(
                    tokens, match.start(), sentence_speakers, anaphoric, last_speaker
                )
                if speaker:
                    result.quotes.append(
                        FoundQuote(speaker, text, offset + s_start + match.start())
                    )
            if not mentions:
                suggestion = _unknown_speaker(tokens, sentence, saying)
                if suggestion:
                    result.suggestions.append((suggestion, sentence.strip()[:300]))
        offset += len(paragraph) + 2
    result.speakers = list(speakers)
    result.mentioned = [n for n in mentioned if n not in speakers]
    return result


@dataclass
class Lookup:
    """The registry by a mention's first word: names by how their first word may be
    written, titles by the first word's search key (titles inflect, names do not);
    and who held each title in the year."""

    names: dict[str, list[tuple[Words, str, bool]]] = field(default_factory=dict)
    titles: dict[str, list[tuple[Keys, str]]] = field(default_factory=dict)
    holders: dict[Keys, set[str]] = field(default_factory=dict)


# One lookup per registry and year: building it costs more than reading an article
# (an import reads thousands of articles with one registry).
_LOOKUPS: dict[tuple[int, int | None], tuple[list, Lookup]] = {}


def lookup(registry: list[PersonEntry], year: int | None) -> Lookup:
    """The registry's ``Lookup`` for articles of ``year``, built once."""
    cached = _LOOKUPS.get((id(registry), year))
    if cached is not None and cached[0] is registry:
        return cached[1]
    by_first = Lookup()
    for entry in registry:
        for words, weak in entry.names:
            for form in name_forms(words[0]):
                by_first.names.setdefault(form, []).append((words, entry.name, weak))
        for keys, since, until in entry.titles:
            if year is not None and (
                (since and year < since) or (until and year > until)
            ):
                continue
            by_first.titles.setdefault(keys[0], []).append((keys, entry.name))
            by_first.holders.setdefault(keys, set()).add(entry.name)
    if len(_LOOKUPS) > 64:
        _LOOKUPS.clear()
    _LOOKUPS[(id(registry), year)] = (registry, by_first)
    return by_first


def _mentions(
    tokens, by_first, titles_holders, named: set[str]
) -> list[tuple[int, int, str]]:
    """(start, end, person) of every name or title, longest first, no overlaps;
    adds to ``named`` whom a full name or a title named."""
    found = []
    i = 0
    while i < len(tokens):
        best = None
        name = _name_at(tokens, i, by_first, named, skip=False)
        if name is not None:
            best = (name[0], name[1], name[2], False)
        titles = (
            () if _dual_or_plural(tokens[i]) else by_first.titles.get(tokens[i].key, ())
        )
        for keys, who in titles:
            n = len(keys)
            if tuple(t.key for t in tokens[i : i + n]) == keys and (
                best is None or n > best[1] - best[0]
            ):
                best = (i, i + n, who, True)
        if best is None:
            i += 1
            continue
        start, end, who, is_title = best
        if is_title:
            holders = titles_holders.get(tuple(t.key for t in tokens[start:end]), set())
            # A title names its holder only when no name follows it and the title
            # had a single holder that year.
            following = _name_at(tokens, end, by_first, named)
            if following is not None:
                found.append((start, following[1], following[2]))
                i = following[1]
                continue
            former = end < len(tokens) and tokens[end].norm in _FORMER
            if len(holders) != 1 or former:
                i = end  # «الرئيس الفرنسي السابق»: not the holder that year
                continue
            who = next(iter(holders))
            named.add(who)
        found.append((start, end, who))
        i = end
    return found


def _dual_or_plural(token: Token) -> bool:
    """«الرئيسين», «وزيرا الخارجية»: a title in the dual or plural names no one
    person (titles match by stem, so the suffix is checked on the written word).

    >>> [_dual_or_plural(t) for t in _tokens("الرئيسين وزيرا الرئيس الأمين")]
    [True, True, False, False]
    """
    norm, key = token.norm, token.key
    if norm[-2:] in ("ين", "ان", "ون") and not key.endswith(norm[-2:]):
        return True
    return norm.endswith("ا") and not key.endswith("ا")


_FORMER = {"السابق", "السابقه", "الاسبق", "الاسبقه", "سابقا"}


def _name_at(tokens, i, by_first, named: set[str], skip: bool = True):
    """(start, end, person) of the longest registry name at ``tokens[i]`` (or, with
    ``skip``, one word later: "الرئيس الروسي فلاديمير بوتين"), or None.

    A weak name (a one-word alias that is a common word) counts after a title,
    or once the article has named its person otherwise; a sure one adds its
    person to ``named``."""
    for j in (i, i + 1) if skip else (i,):
        if j >= len(tokens):
            return None
        best = None
        for words, who, weak in by_first.names.get(tokens[j].norm, ()):
            n = len(words)
            if tuple(t.norm for t in tokens[j + 1 : j + n]) != words[1:]:
                continue
            sure = not weak or _after_title(tokens, j)
            if not sure and who not in named:
                continue
            if best is None or n > best[1] - best[0]:
                best = (j, j + n, who, sure)
        if best is not None:
            if best[3]:
                named.add(best[2])
            return best[:3]
    return None


def _after_title(tokens, i) -> bool:
    """Whether a title stands just before ``tokens[i]``: "الوزير المعلم", "الرئيس
    السوري الأسد" (a nisba may come between)."""
    j = i - 1
    if j >= 0 and tokens[j].key.startswith(PLACE_MARK):
        j -= 1
    if j < 0:
        return False
    word = tokens[j].norm
    return word in TITLE_WORDS or strip_proclitics(word) in TITLE_WORDS


def _speaks(tokens, start, end, mentions, saying, sentence: str) -> bool:
    """Whether the person named at tokens[start:end] is the one speaking."""
    if tokens[start].in_quote:
        return False  # named inside someone else's words
    # "وفقا لبوتين", "بحسب لافروف", "نقلا عن شويغو", "على لسان"
    for j in range(max(0, start - 3), start):
        if tokens[j].norm in ATTRIBUTION or tokens[j].key in ATTRIBUTION:
            return not _reported(tokens[j + 1 : start])
    if _spoken_to(tokens[start]):
        return False  # "قال لبوتين", "لقائه ببوتن"
    others = [(s, e) for s, e, _ in mentions if (s, e) != (start, end)]
    # A verb of saying shortly before, with nothing but titles between it and the
    # name: "قال الرئيس الروسي فلاديمير بوتين", not "يعلق على عدم تهنئة ترامب".
    for j in range(max(0, start - 8), start):
        if tokens[j].key not in saying:
            continue
        if any(j < s < start for s, _ in others):
            continue
        between = tokens[j + 1 : start]
        before_verb = any(e in (j, j - 1) for _, e in others)
        if before_verb and not (
            j > 0
            and _set_off(sentence, tokens[j - 1], tokens[j])
            and not any(t.norm in _PREPOSITIONS for t in between)
            and all(_title_like(t) for t in between)
        ):
            continue  # "ترامب قال إن بوتين": the verb is Trump's
        if all(_title_like(t) for t in between) and not _reported(between):
            return True
    # "بوتين قال", "لافروف، في تصريح", "رئيس الوزراء الياباني، شينزو إيب، قال"
    for j in range(end, min(len(tokens), end + 4)):
        if tokens[j].key in saying or tokens[j].norm in ATTRIBUTION:
            if _set_off(sentence, tokens[j - 1], tokens[j]) and _verb_has_subject(
                tokens, j, others
            ):
                break  # "… ماكرون، ذكر هولاند": the verb is Hollande's
            if all(_title_like(t) for t in tokens[end:j]) and j < end + 2:
                return True
            if 0 < j - end and _appositive(sentence, tokens[end - 1], tokens[j]):
                return True
    # "الرئيس الأميركي، دونالد ترامب، وجه إنذارا …، قائلا إن": the sentence's
    # subject, when it opens the sentence and no one else is named before «قائلا».
    if start < _SUBJECT_WITHIN and all(_title_like(t) for t in tokens[:start]):
        manner = saying_manner_keys()
        for j in range(end, min(len(tokens), end + _MANNER_WITHIN)):
            if any(s == j for s, _ in others) or tokens[j].in_quote:
                break
            if tokens[j].key in manner:
                return True
    # "وفقا لبوتين", "بحسب لافروف", "نقلا عن شويغو", "على لسان"
    for j in range(max(0, start - 3), start):
        if tokens[j].norm in ATTRIBUTION or tokens[j].key in ATTRIBUTION:
            return not _reported(tokens[j + 1 : start])
    return False


# «إن», «أن», «فإن»: what follows is what was said, not who said it.
_THAT = {"ان", "فان", "بان", "لان", "انه", "انها"}


def _verb_has_subject(tokens, verb: int, others) -> bool:
    """Whether another mention follows the verb as its subject, with nothing but
    titles between: «ذكر الرئيس السابق هولاند»."""
    return any(
        verb < s <= verb + 4
        and not _spoken_to(tokens[s])
        and all(
            _title_like(t) and t.norm not in _PREPOSITIONS for t in tokens[verb + 1 : s]
        )
        for s, _ in others
    )


# Between a verb and its object, never its subject: «يرى في أمير قطر».
_PREPOSITIONS = {"في", "علي", "من", "عن", "مع", "الي", "حول", "بشان"}


def _spoken_to(token: Token) -> bool:
    """«لبوتين», «ببوتين»: the one spoken to or about, not the speaker."""
    return token.norm[:1] in "لب" and token.key != token.norm


def _appositive(sentence: str, last: Token, verb: Token) -> bool:
    """Whether the words between a mention and a verb are set off by commas:
    «رئيس الوزراء الياباني، شينزو إيب، قال» — the name the title stood for."""
    between = sentence[last.end : verb.start].strip()
    return (
        between[:1] in "،,"
        and between[-1:] in "،,"
        and not re.search(r"[.:«»\"“”]", between)
    )


def _reported(between) -> bool:
    """Whether «إن»/«أن» stands between a verb of saying and a name: «وقالت
    الخارجية الهندية إن مودي سيقوم» reports Modi, he does not speak."""
    return any(t.norm in _THAT for t in between)


_SUBJECT_WITHIN = 8  # tokens: «وأبلغ الرئيس الروسي فلاديمير بوتين»
_MANNER_WITHIN = 30

_TIME_WORDS = set(
    "امس اليوم الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت صباح مساء "
    "الماضي الجاري ايضا بدوره بدورها جهته جهتها".split()
)


def _title_like(token: Token) -> bool:
    """Words that may stand between a verb of saying and the speaker's name."""
    return (
        token.norm in TITLE_WORDS
        or token.norm in _TIME_WORDS
        or token.key.startswith(PLACE_MARK)  # الروسي، الصيني، الأمريكية
        or token.norm in function_words()
    )


# A quotation never opens with punctuation: «، وأضاف …» is a fragment cut from one.
_FRAGMENT_START = re.compile(r"^[\W_]")
# Words before a quotation that hand it to another source than the sentence's
# speaker: «نقلا عن …», «وفقا لزعم …».
_RELAYED = re.compile(normalize_arabic(r"(?:نقلا عن|نقلاً عن|وفقا لزعم|بحسب زعم)"))


def _relayed(before: str) -> bool:
    """Whether the words before a quotation relay it from someone unnamed here."""
    return bool(_RELAYED.search(normalize_arabic(before)))


def _quote_speaker(tokens, quote_start, sentence_speakers, anaphoric, last_speaker):
    before = [name for s, name in sentence_speakers if tokens[s].start < quote_start]
    if before:
        return before[-1]
    if sentence_speakers:
        return sentence_speakers[0][1]  # «...»، قال بوتين
    return last_speaker if anaphoric else None


def _name_like(token: Token, inside: bool = False) -> bool:
    """A word that can be part of a person's name. Names never take the article,
    so a word nearly as common with ال (مصدر/المصدر، خبير/الخبير) is no name; nor
    is a word opening one with a clitic (للشركة، وهو); ``inside`` a name, after
    its first word, a word may start with و: «روبرت وود»."""
    norm = token.norm
    if (
        norm.startswith("ال")
        or norm in function_words()
        or norm in TITLE_WORDS
        or norm.isdigit()
        or len(norm) < 2
        or token.key in saying_keys()
        or token.key.startswith((PLACE_MARK, VERB_MARK))
        or (not inside and _carries_clitic(norm))
    ):
        return False
    if token.key != norm:
        return False  # an inflected word: names take no suffixes
    bare, with_article = zipf(norm), zipf("ال" + norm)
    if not bare:
        return True  # unknown to general Arabic: most often a foreign name
    return with_article < 3.5 and bare - with_article >= 1.0


_COMMON_WORD = 3.0  # zipf: a word a reader meets in every few pages of news


def _carries_clitic(norm: str) -> bool:
    """«وهو», «للشركة»: a proclitic on a word more common without it. «وانغ»
    (Wang) starts with و but is a name: without it, it is rarer.

    >>> _carries_clitic("وهو"), _carries_clitic("للشركه"), _carries_clitic("وانغ")
    (True, True, False)
    """
    bares = {strip_proclitics(norm)}
    if norm[:1] in "وف" and len(norm) == 3:
        bares.add(norm[1:])  # a conjunction on a short word («وهو»)
    return any(
        bare != norm and zipf(bare) >= max(zipf(norm), _COMMON_WORD) for bare in bares
    )


# Short words that open foreign names and are also Arabic particles: لو كانغ،
# لي كه تشيانغ، بين ستانتون، وو تشيان.
NAME_PARTICLES = {"لو", "لي", "بين", "يو", "وو", "ما", "هو", "دي", "دا", "فان", "فون"}

_APPOSITION = re.compile(r"^\s*[،,]|^\s+(?:إن|ان|أن)\s")


def _unknown_speaker(tokens, sentence, saying) -> str | None:
    """A name after a verb of saying when the registry knows nobody there:
    "وقال المتحدث باسم الخارجية الصينية لو كانغ" -> "لو كانغ", "وقال ريتشارد يو،
    المدير التنفيذي" -> "ريتشارد يو". The name must be set off: by a title
    before it, or a comma or "إن" after it."""
    for i, token in enumerate(tokens[:4]):
        if token.key not in saying:
            continue
        j = i + 1
        saw_title = False
        while j < len(tokens) and j < i + 9 and _title_like(tokens[j]):
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                tokens[j].norm in NAME_PARTICLES
                and following is not None
                and _name_like(following)
            ):
                break  # "لو كانغ": the particle opens the name
            saw_title = saw_title or tokens[j].norm in TITLE_WORDS
            j += 1
        name: list[Token] = []
        while j < len(tokens) and len(name) < 3:
            t = tokens[j]
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            # "لو كانغ", "بين ستانتون": a particle may open a name.
            opens_name = (
                not name
                and t.norm in NAME_PARTICLES
                and following is not None
                and _name_like(following)
            )
            if not (_name_like(t, inside=bool(name)) or opens_name):
                break
            if name and _set_off(sentence, name[-1], t):
                break  # "وانغ مينغلينغ، وهو باحث": the comma ends the name
            name.append(t)
            j += 1
        if len(name) < 2:
            continue
        after = sentence[name[-1].end :]
        if saw_title or _APPOSITION.match(after):
            return sentence[name[0].start : name[-1].end]
    return _unknown_subject(tokens, sentence, saying)


def _set_off(sentence: str, before: Token, after: Token) -> bool:
    """Whether punctuation stands between two tokens: a name ends there."""
    return re.search(r"[،,:(]", sentence[before.end : after.start]) is not None


def _unknown_subject(tokens, sentence, saying) -> str | None:
    """A name between a title and its verb of saying: "ولكن المندوب الأمريكي
    روبرت وود استنكر" -> "روبرت وود"."""
    for i in range(1, min(len(tokens), 12)):
        if tokens[i - 1].norm not in TITLE_WORDS and not (
            tokens[i - 1].key.startswith(PLACE_MARK)
            and i >= 2
            and tokens[i - 2].norm in TITLE_WORDS
        ):
            continue
        j = i
        while j < len(tokens) and j - i < 3 and _name_like(tokens[j], j > i):
            if j > i and _set_off(sentence, tokens[j - 1], tokens[j]):
                break
            j += 1
        if j - i >= 2 and j < len(tokens) and tokens[j].key in saying:
            if not _set_off(sentence, tokens[j - 1], tokens[j]):
                return sentence[tokens[i].start : tokens[j - 1].end]
    return None

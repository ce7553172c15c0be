"""Bylines: who wrote an article, as the page states it.

A byline names its author after a word of writing («بقلم», «كتب -», «إعداد:»), or
after a correspondent's description ending with a comma («مراسل العربية في موسكو،
مازن عباس», «مقال لمراسل الشؤون الدولية لدى CNN، بن ويدمان»). A byline that names the
outlet, «وكالات» or «المحرر» names no author. Nothing else is taken for a byline: a
line with a name alone may be anyone.
"""

import re

from archive.text import normalize_arabic, tokenize

_WRITING = normalize_arabic(
    r"(?:بقلم|كتب|كتبت|كتبه|اعداد|إعداد|تحرير|تقرير|حوار|ترجمة|متابعة)"
)
# "بقلم: فلان", "كتب - فلان", "إعداد: فلان"
_AFTER_WORD = re.compile(rf"^\W*{_WRITING}\s*(?:[:\-–—]\s*)?(?P<name>[^\d:،,|]+?)\W*$")
# "مراسل العربية في موسكو، فلان", "مقال لمراسلة فرانس 24 في باريس، فلانة"
_CORRESPONDENT = re.compile(
    normalize_arabic(r"^\W*(?:مقال\s+)?(?:ل)?(?:مراسل|مراسله|محرر|محرره|مدير مكتب)")
    + r"[^،,]{2,80}[،,]\s*(?P<name>[^\d:،,|]+?)\W*$"
)
NOT_AUTHORS = {
    " ".join(tokenize(w))
    for w in ("وكالات", "المحرر", "محرر الموقع", "فريق التحرير", "هيئة التحرير")
}
MAX_NAME_WORDS = 4
# An opinion piece's headline: «كامليا انتخابي فرد تكتب لـCNN: روسيا لم تعد …»
_WRITES_FOR = re.compile(
    r"^(?:رأي\s*[.:]+\s*)?(?P<name>[^\W\d_]+(?:\s[^\W\d_]+){1,3})\s(?:يكتب|تكتب)"
    r"\s+ل(?:ـ|\s)?\s*[^:]{2,40}:"
)


def title_author(title: str) -> str | None:
    """The author an opinion headline names: «فلان يكتب لـCNN: …».

    >>> title_author("كامليا انتخابي فرد تكتب لـCNN: روسيا لم تعد بحاجة لإيران")
    'كامليا انتخابي فرد'
    >>> title_author("رأي.. بشار جرار يكتب لـCNN: هل تطيح الفضائح بترامب؟")
    'بشار جرار'
    >>> title_author("روسيا تكتب فصلا جديدا: …") is None
    True
    """
    match = _WRITES_FOR.match(title.strip())
    return match.group("name") if match else None


def byline_author(line: str, outlets: set[str] = frozenset()) -> str | None:
    """The author a byline line names, or None. ``outlets``: normalized outlet
    names, which a byline may give instead of a person.

    >>> byline_author("بقلم: محجوبة كرم"), byline_author("كتب - أحمد عبد الحميد")
    ('محجوبة كرم', 'أحمد عبد الحميد')
    >>> byline_author("مراسل العربية في موسكو، مازن عباس")
    'مازن عباس'
    >>> byline_author("كتب - وكالات") is None, byline_author("قال الوزير") is None
    (True, True)
    """
    if len(line) > 160:
        return None
    norm = normalize_arabic(line.strip())
    for pattern in (_AFTER_WORD, _CORRESPONDENT):
        match = pattern.match(norm)
        if match:
            break
    else:
        return None
    key = " ".join(tokenize(match.group("name")))
    words = key.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS or key in NOT_AUTHORS or key in outlets:
        return None
    # The name ends the line: its last words as written (hamza and all).
    written = re.findall(r"[^\s:،,\-–—]+", line.strip().rstrip(' .«»"”'))
    return " ".join(written[-len(words) :])

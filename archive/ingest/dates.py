"""Publication dates as Arabic pages write them.

Pages write dates in many ways: ``19 - 05 - 2025``, ``2025-05-19``, ``3 ديسمبر 2025``,
``الثلاثاء 23 كانون الثاني 2018``, ``١٩ جوان ٢٠١٨``, ``أيار/مايو 2018``. We match them
on normalized text (``archive.text.normalize_arabic``), so hamza, teh marbuta and
Arabic-Indic digits need no special cases here.
"""

import re

from hijridate import Hijri  # the Umm al-Qura calendar, 1343-1500 AH

from archive.dates import PartialDate
from archive.text import normalize_arabic

# Month names, normalized. Egyptian/Gulf, Levantine/Iraqi (Syriac), Maghrebi (French)
# and Moroccan forms; several spellings of each as seen on news sites.
_MONTHS: dict[str, int] = {}
for number, names in enumerate(
    [
        "يناير جانفي كانون الثاني january jan",
        "فبراير فبرابر فيفري شباط february feb",
        "مارس اذار march mar",
        "ابريل افريل نيسان april apr",
        "مايو مايس ماي ايار may",
        "يونيو يونيه جوان حزيران june jun",
        "يوليو يوليه جويليه يوليوز تموز july jul",
        # Mauritanian: اغشت، شتمبر، دجمبر.
        "اغسطس اغسطوس اوت غشت اغشت اب august aug",
        "سبتمبر شتنبر شتمبر ايلول september sep sept",
        "اكتوبر تشرين الاول october oct",
        "نوفمبر نونبر تشرين الثاني november nov",
        "ديسمبر دجنبر دجمبر كانون الاول december dec",
    ],
    start=1,
):
    tokens = names.split()
    # Two-word Levantine names are listed as pairs ("كانون الثاني").
    i = 0
    while i < len(tokens):
        if tokens[i] in {"كانون", "تشرين"}:
            _MONTHS[f"{tokens[i]} {tokens[i + 1]}"] = number
            i += 2
        else:
            _MONTHS[tokens[i]] = number
            i += 1

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# A month written alone or doubled: "ايار/مايو", "حزيران (يونيو)", "مايو - ايار".
_MONTH = rf"(?P<m1>{_MONTH_ALT})(?:\s*[/(\-–]\s*(?P<m2>{_MONTH_ALT})\s*\)?)?"
_B = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end

# ISO, also with a time and zone after "T" (feeds, metadata): 2018-07-30T19:47:00+03:00.
_ISO = re.compile(
    rf"{_B}(?P<y>\d{{4}})[-/.](?P<mo>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?:{_E}|(?=t\d))"
)
_YEAR_END = r"(?:\s?م)?(?![\w])"  # "2018م": the م marks the Gregorian year
_NUMERIC = re.compile(
    rf"{_B}(?P<d>\d{{1,2}})\s*[-/.]\s*(?P<mo>\d{{1,2}})\s*[-/.]\s*(?P<y>\d{{4}}){_YEAR_END}"
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_B}(?P<d>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?{_MONTH}\s*[,،]?\s*"
    rf"(?:(?:من\s+)?(?:عام|سنه)\s+)?(?P<y>\d{{4}}){_YEAR_END}"
)
_MONTH_YEAR = re.compile(rf"{_B}{_MONTH}\s*[,،]?\s*(?P<y>\d{{4}}){_YEAR_END}")
# Month first, as US-style pages and feeds write it: "أغسطس 18، 2018", "Aug. 18, 2018".
_LATIN_MDY = re.compile(
    rf"{_B}{_MONTH}\.?\s+(?P<d>\d{{1,2}})\s*[,،]?\s+(?P<y>\d{{4}}){_YEAR_END}"
)

_YEARS = range(1900, 2101)

# Hijri months (normalized): a Hijri date beside a Gregorian one is dropped; a page
# that gives only the Hijri date is converted (Umm al-Qura calendar, hijridate).
_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6,
    "جمادي الثاني": 6, "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9,
    "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}  # fmt: skip
_HIJRI_ALT = "|".join(sorted(map(re.escape, _HIJRI_MONTHS), key=len, reverse=True))
_HIJRI = re.compile(
    rf"{_B}(?P<d>\d{{1,2}})\s+(?P<m>{_HIJRI_ALT})\s+(?P<y>1[34]\d\d)"
    rf"(?:\s*(?:هـ|ه|للهجره|هجريه|هجري))?(?![\w])"
)
# A numeric Hijri date, always marked هـ: "14-09-1432 هـ" (Gulf sites), "1432/09/14هـ".
_HIJRI_MARK = r"\s*(?:هـ|ه)(?![\w])"
_HIJRI_NUMERIC = (
    re.compile(
        rf"{_B}(?P<d>\d{{1,2}})\s*[-/.]\s*(?P<m>\d{{1,2}})\s*[-/.]\s*(?P<y>1[34]\d\d)"
        + _HIJRI_MARK
    ),
    re.compile(
        rf"{_B}(?P<y>1[34]\d\d)\s*[-/.]\s*(?P<m>\d{{1,2}})\s*[-/.]\s*(?P<d>\d{{1,2}})"
        + _HIJRI_MARK
    ),
)


def _month(match: re.Match) -> int | None:
    first = _MONTHS[match.group("m1")]
    second = match.group("m2")
    if second is not None and _MONTHS[second] != first:
        return None  # "ايار/يونيو" contradicts itself: trust neither
    return first


def _make(year: int, month: int | None, day: int | None = None) -> PartialDate | None:
    if year not in _YEARS:
        return None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[PartialDate, tuple[int, int]]]:
    """Every Gregorian date written in ``text``, with its span in the normalized text.

    >>> [d.iso() for d, _ in find_dates("الثلاثاء 3 ديسمبر 2025 - 19/05/2024")]
    ['2025-12-03', '2024-05-19']
    """
    norm = normalize_arabic(text)
    found: list[tuple[PartialDate, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    def add(date: PartialDate | None, span: tuple[int, int]) -> None:
        taken.append(span)
        if date is not None:
            found.append((date, span))

    for match in _ISO.finditer(norm):
        y, mo, d = (int(match.group(k)) for k in ("y", "mo", "d"))
        add(_make(y, mo, d), match.span())
    for match in _NUMERIC.finditer(norm):
        if not free(match.span()):
            continue
        y, a, b = (int(match.group(k)) for k in ("y", "d", "mo"))
        # Arabic pages write day first; only an impossible month says otherwise.
        day, month = (b, a) if b > 12 >= a else (a, b)
        add(_make(y, month, day), match.span())
    for pattern in (_DAY_MONTH_YEAR, _LATIN_MDY):
        for match in pattern.finditer(norm):
            if free(match.span()):
                month = _month(match)
                date = _make(int(match.group("y")), month, int(match.group("d")))
                add(date if month else None, match.span())
    for match in _MONTH_YEAR.finditer(norm):
        if free(match.span()):
            month = _month(match)
            add(_make(int(match.group("y")), month) if month else None, match.span())
    found.sort(key=lambda item: item[1])
    return found


def month_number(name: str) -> int | None:
    """The month a (normalized) Gregorian month name stands for."""
    return _MONTHS.get(name)


def find_hijri_dates(text: str) -> list[tuple[PartialDate, tuple[int, int]]]:
    """Hijri dates in ``text``, converted to Gregorian, with their spans.

    >>> [d.iso() for d, _ in find_hijri_dates("الجمعة 4 جمادى الآخرة 1438 هـ")]
    ['2017-03-03']
    >>> [d.iso() for d, _ in find_hijri_dates("14-09-1432 هـ، 09:40 صباحاً")]
    ['2011-08-14']
    """
    norm = normalize_arabic(text)
    found = []
    for match in _HIJRI.finditer(norm):
        month = _HIJRI_MONTHS[match.group("m")]
        found.append((_gregorian(match, month), match.span()))
    for pattern in _HIJRI_NUMERIC:
        for match in pattern.finditer(norm):
            if all(b <= match.start() or a >= match.end() for _, (a, b) in found):
                found.append((_gregorian(match, int(match.group("m"))), match.span()))
    return sorted(
        ((date, span) for date, span in found if date is not None),
        key=lambda item: item[1],
    )


def _gregorian(match: re.Match, month: int) -> PartialDate | None:
    """The Gregorian day of a Hijri date (Umm al-Qura), or None if it has none."""
    day, year = int(match.group("d")), int(match.group("y"))
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return PartialDate(g.year, g.month, g.day)


def parse_date(text: str) -> PartialDate | None:
    """The first date written in ``text``.

    >>> parse_date("19 - 05 - 2025").iso()
    '2025-05-19'
    >>> parse_date("أيار/مايو 2018").label()
    'مايو 2018'
    >>> parse_date("منذ 40 دقيقة") is None
    True
    """
    dates = find_dates(text)
    return dates[0][0] if dates else None


# Words that may stand beside a date on a date line without making it a sentence.
_DATE_LINE_WORDS = set(
    normalize_arabic(
        "نشر في بتاريخ تاريخ النشر منشور الموافق م هـ ص مساء مساءا صباحا ظهرا "
        "الساعه بتوقيت غرينتش جرينتش gmt utc am pm "
        "السبت الاحد الأحد الاثنين الإثنين الثلاثاء الاربعاء الأربعاء الخميس الجمعه "
        "يوم اخر تحديث ksa kst cet bst مكه المكرمه بتوقيت ابوظبي شهر رقم العدد"
    ).split()
)
_NON_WORD = re.compile(r"[\W\d_]+")


def date_line(text: str, other_words: int = 1) -> PartialDate | None:
    """The date of a line that is only a date (with weekday, time, 'نشر في'...) and
    at most ``other_words`` other words (a site's name beside it).
    A Hijri date beside the Gregorian one is dropped; alone, it is converted.

    >>> date_line("- 3 ديسمبر 2025").iso()
    '2025-12-03'
    >>> date_line("الاثنين 6 رمضان 1439 هـ الموافق 21 مايو 2018").iso()
    '2018-05-21'
    >>> date_line("التقى الرئيسان في 3 ديسمبر 2025 في بكين") is None
    True
    """
    hijri = find_hijri_dates(text)
    norm = normalize_arabic(text)
    # Hijri spans first, so their numbers are not read as Gregorian dates.
    rest = norm
    for _, (a, b) in sorted(hijri, key=lambda d: -d[1][0]):
        rest = rest[:a] + " " * (b - a) + rest[b:]
    dates = find_dates(rest)
    if not dates and not hijri:
        return None
    for _, (a, b) in sorted(dates, key=lambda d: -d[1][0]):
        rest = rest[:a] + " " + rest[b:]
    words = [
        w
        for w in _NON_WORD.split(rest)
        if w and w not in _DATE_LINE_WORDS and not (len(w) == 1 and w.isascii())
    ]
    if len(words) > other_words:
        return None
    return dates[0][0] if dates else hijri[0][0]


# The opening dateline of a body fused with a date: "موسكو - 30 يوليو 2018 | 7:47 م -
# قالت ...": a place (and agency) of at most four words, a separator, the date, an
# optional time, a separator.
_OPENING_SEPARATOR = r"\s*[-–—|:(]\s*"
_TIME = r"(?:\s*[|،,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|صباحا|مساء|am|pm)?)?"


def opening_date(paragraph: str) -> PartialDate | None:
    """The date of a dateline that opens a body paragraph, or None.

    >>> opening_date("موسكو - 30 يوليو 2018 | 7:47 م - قالت الخارجية الروسية").iso()
    '2018-07-30'
    >>> opening_date("قال الرئيس في 30 يوليو 2018 إن الاتفاق صامد") is None
    True
    """
    norm = normalize_arabic(paragraph[:160])
    for date, (a, b) in find_dates(norm):
        before = norm[:a]
        place = re.sub(_OPENING_SEPARATOR + "$", "", before)
        if place == before or len(_NON_WORD.split(place.strip())) > 4:
            return None  # the first date is not set off at the opening
        if re.match(_TIME + _OPENING_SEPARATOR, norm[b:]):
            return date
        return None
    return None


_UPDATED = re.compile(
    normalize_arabic(r"^\W*(آخر تحديث|تم التحديث|تحديث|محدث|updated)")
)


def is_update_line(text: str) -> bool:
    """'آخر تحديث: ...' lines date a revision, not the publication."""
    return bool(_UPDATED.match(normalize_arabic(text)))

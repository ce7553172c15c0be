"""Splitting a raw scraped page into title, metadata lines and body paragraphs.

Pure functions: text in, a ``RawArticle`` out, no database. The page's own statements
are all we use; what it does not state stays None.
"""

import re
from dataclasses import dataclass, field

from archive.dates import PartialDate
from archive.ingest import clean
from archive.ingest.bylines import byline_author, title_author
from archive.ingest.dates import (
    date_line,
    is_update_line,
    month_number,
    opening_date,
)
from archive.text import normalize_arabic, tokenize

BYLINE_MAX = 500  # Article.byline's length
BYLINE_SEPARATOR = " · "


@dataclass
class RawArticle:
    title: str
    paragraphs: list[str]
    date: PartialDate | None = None
    dateline: str = ""
    # (kind, name) pairs the page offers as its outlet, strongest kinds first:
    # masthead, site (a "Title | Site" bar), byline, copyright, dateline.
    outlet_candidates: list[tuple[str, str]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # as their bylines write them
    # The header's byline lines, kept as written («مقال لمراسل … لدى CNN، بن
    # ويدمان»): the body loses them, the record does not.
    byline: str = ""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _key(line: str) -> str:
    return " ".join(tokenize(line))


_RELATIVE_TIME = re.compile(
    normalize_arabic(
        r"^\W*(منذ|قبل)\s+(\d+\s+)?(ثانية|ثوان|دقيقة|دقائق|دقيقتين|ساعة|ساعات|ساعتين|يوم|أيام|يومين)"
    )
)
# "بكين-سانا", "موسكو - سانا", "بكين (رويترز)": a place and the agency that filed.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w ]{1,24}?)\s*(?:[-–—]\s*|\(\s*)"
    r"(?P<agency>[^\W\d_][\w .]{1,30}?)\s*\)?\s*[:،]?$"
)
_INLINE_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w ]{1,24}?)\s*[-–—]\s*[«\"“]?"
    r"(?P<agency>[^\W\d_][\w .]{1,30}?)[»\"”]?\s*:\s"
)
# A byline naming a site rather than a person: "- Next News", "سكاي نيوز عربية".
_SITE_WORDS = re.compile(
    normalize_arabic(
        r"(news|نيوز|اخبار|أخبار|وكالة|صحيفة|جريدة|موقع|بوابة|tv|تي في|24|اليوم"
        r"|الإخبارية|net|\.com)"
    ),
    re.IGNORECASE,
)
_TITLE_BAR = re.compile(r"^(?P<title>.+?)\s+[|｜]\s+(?P<site>[^|｜]{2,60})$")


def _is_relative_time(line: str) -> bool:
    return bool(_RELATIVE_TIME.match(normalize_arabic(line)))


def _dateline(line: str) -> tuple[str, str] | None:
    if clean.words(line) > 5:
        return None
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    return match.group("place").strip(), match.group("agency").strip()


def _byline_site(line: str, known_outlets: set[str]) -> str | None:
    """The site named by a short byline line, if it names one; of a source line
    «(فرانس 24 / أ ف ب)», whose every part is a known outlet, the first."""
    parts = re.split(r"\s*/\s*", line.strip().strip("()[]").strip())
    if len(parts) > 1 and all(part and _key(part) in known_outlets for part in parts):
        return parts[0]
    text = line.strip().lstrip("-–—•·").strip()
    if not text or clean.words(text) > 5 or line.strip()[0] not in "-–—•·":
        return _key(text) in known_outlets and text or None
    if _key(text) in known_outlets or _SITE_WORDS.search(normalize_arabic(text)):
        return text
    return None


def _strip_keyword_prefix(paragraphs: list[str], title: str) -> list[str]:
    """Drop an SEO keyword repeated as 'Keyword: ...' on many paragraphs.

    Sites stuff their headline keyword in front of paragraphs ("القمة الصينية الروسية:
    بدأ الرئيس..."). When one prefix starts three or more paragraphs and also starts the
    title, it is the site's, not the writer's.
    """
    prefixes: dict[str, int] = {}
    for p in paragraphs:
        head, sep, _ = p.partition(":")
        if sep and 1 <= clean.words(head) <= 6:
            prefixes[_key(head)] = prefixes.get(_key(head), 0) + 1
    title_key = _key(title)
    stuffed = {k for k, n in prefixes.items() if n >= 3 and title_key.startswith(k)}
    if not stuffed:
        return paragraphs
    out = []
    for p in paragraphs:
        head, sep, rest = p.partition(":")
        out.append(
            rest.strip() if sep and _key(head) in stuffed and rest.strip() else p
        )
    return out


# A sentence ends a paragraph; a title may end in a quotation mark, not in a full stop.
_PROSE_END = re.compile(r"[.:…][\"”»)]*$")
_EXCLAIM_END = re.compile(r"[!?؟][\"”»)]*$")


def _is_prose(line: str) -> bool:
    """A body paragraph rather than a heading: a sentence that ends, or a long one.
    Headlines end with «!!» or «؟» too, so those endings need a longer sentence.

    >>> _is_prose("روسيا.. في صناديق الاقتراع رجل واحد وصوت واحد!!")
    False
    """
    n = clean.words(line)
    return (
        (n >= 8 and bool(_PROSE_END.search(line)))
        or (n >= 15 and bool(_EXCLAIM_END.search(line)))
        or n >= 25
    )


def _site_name(line: str, known: set[str]) -> str | None:
    """A header line naming a known outlet ("سكاي نيوز عربية", "Jawhara FM | جوهرة
    أف أم", "الجزيرة نت")."""
    if clean.words(line) > 8:
        return None
    if _key(line) in known:
        return line.strip()
    for part in re.split(r"\s+[|｜•·]\s+", line):
        if _key(part) in known:
            return part.strip()
    return None


def _split_title_bar(line: str, known: set[str]) -> tuple[str, str | None]:
    """ "Title | Site" or "Title - Site" (a known site) -> (title, site)."""
    bar = _TITLE_BAR.match(line)
    if bar and clean.words(bar.group("site")) <= 5:
        return bar.group("title").strip(), bar.group("site").strip()
    head, sep, tail = line.rpartition(" - ")
    if sep and _key(tail) in known and clean.words(head) >= 2:
        return head.strip(), tail.strip()
    return line, None


def split_sections(
    text: str, known_outlets: set[str] | frozenset = frozenset()
) -> RawArticle:
    """Read a raw page. ``known_outlets`` holds normalized outlet names and aliases.

    The body starts at the first line of prose; the title is the first heading
    above it of four words or more that is not in a list of other articles' titles
    ("الأكثر قراءة"), so section labels, site names and taglines are passed over.

    >>> body = "قال الرئيس إن العلاقات بين البلدين جيدة جدا."
    >>> a = split_sections("عنوان الخبر\\nبكين-سانا\\n" + body + "\\nتعليقات")
    >>> a.title, a.dateline, a.paragraphs
    ('عنوان الخبر', 'بكين-سانا', ['قال الرئيس إن العلاقات بين البلدين جيدة جدا.'])
    >>> a.outlet_candidates
    [('dateline', 'سانا')]
    """
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    known = set(known_outlets)

    body_start = next((i for i, line in enumerate(lines) if _is_prose(line)), None)
    header_dates: list[tuple[int, PartialDate]] = []  # (line index, date)
    dateline = ""
    candidates: list[tuple[str, str]] = []
    authors: list[str] = []
    bylines: list[str] = []
    headings: list[tuple[int, str, bool]] = []  # (index, text, inside a related list)
    in_related = False
    skip_next = False
    menu_at = None  # the last menu bar of the header: the site's chrome ends there
    header_end = body_start if body_start is not None else len(lines)
    for i, line in enumerate(lines[:header_end]):
        if skip_next:
            skip_next = False
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if clean.is_masthead_staff(following) and clean.words(line) <= 6:
            candidates.append(("masthead", line))
            skip_next = True
            continue
        if clean.is_section_marker(line):
            in_related = True
            continue
        if clean.is_debris(line) or _is_relative_time(line) or is_update_line(line):
            if clean.is_copyright(line):
                candidates.append(("copyright", line))
            if clean.is_navigation(line):
                menu_at = i
            continue
        author = byline_author(line, known)
        if author:
            authors.append(author)
            bylines.append(line)
            continue
        found = date_line(line)
        if found:
            header_dates.append((i, found))
            continue
        site = _site_name(line, known)
        if site:
            # A known name on a header line may be a section label («الشرق
            # الأوسط» over a BBC story, «الشرق الأوسط | سوريا»): weaker than
            # the copyright footer.
            candidates.append(("name", site))
            continue
        byline = _byline_site(line, known)
        if byline:
            candidates.append(("byline", byline))
            continue
        place_agency = _dateline(line)
        if place_agency and any(clean.words(h) >= 2 for _, h, _ in headings):
            if not dateline:
                dateline = line
                candidates.append(("dateline", place_agency[1]))
            continue
        if _PUBLISHER.search(line):
            continue  # chrome: the company, not the outlet or a heading
        if _SITE_LIKE.search(line):
            # The site's name beside its Latin form or domain: the outlet, not a
            # heading ("النهار اللبنانية | annahar.com" -> النهار اللبنانية).
            arabic = re.split(r"\s[-|–]\s*", line)[0].strip()
            candidates.append(("site", arabic if not arabic.isascii() else line))
            continue
        if in_related and clean.words(line) < 4:
            in_related = False  # a section label ends the list
        headings.append((i, line, in_related))

    if body_start is None:
        # No line of prose (a short page): the first heading is the title and the
        # lines after it are the body.
        first = next(((h, i) for i, h, related in headings if not related), None)
        title, title_index = (
            first if first else ((lines[0], 0) if lines else ("", None))
        )
    else:
        title, title_index = _choose_title(headings, lines, menu_at)
    title, site = _split_title_bar(title, known)
    if site:
        candidates.append(("site", site))
    if body_start is None:
        body_start = title_index + 1 if title_index is not None else len(lines)
    paragraphs = _clean_body(lines[body_start:], title, candidates)
    if not dateline and paragraphs:
        # "أبوظبي - سكاي نيوز عربية: قالت الصين ...": a house dateline opening the
        # first paragraph (the first may repeat the title).
        for paragraph in paragraphs[:2]:
            inline = _INLINE_DATELINE.match(paragraph)
            if inline:
                candidates.append(("dateline", inline.group("agency").strip()))
                break
    date = _publication_date(header_dates, title_index, lines, known)
    if date is None:
        # A date line under the article (e.g. "نشر في 3 ديسمبر 2025") also dates it,
        # but not one in the lists and comments that follow the article.
        for line in lines[body_start:]:
            if clean.is_section_marker(line):
                break
            # No other word: "نادية — 24/03/2018 10:12" under a story is a comment.
            found = date_line(line, other_words=0)
            if found and not is_update_line(line):
                date = found
                break
    if date is None:
        # "سيول - 9 مايو 2018 | 10:38 م - وصف ...": the body's opening dateline
        # (the first paragraph may repeat the title).
        date = next(filter(None, map(opening_date, paragraphs[:2])), None)
    if date is None:
        date = _date_from_current_month(paragraphs)
    order = ["masthead", "site", "byline", "copyright", "name", "dateline"]
    candidates.sort(key=lambda c: order.index(c[0]))
    authors += _body_bylines(lines[body_start:], known)
    if author := title_author(title):
        authors.insert(0, author)
    return RawArticle(
        title,
        paragraphs,
        date,
        dateline,
        candidates,
        list(dict.fromkeys(authors)),
        BYLINE_SEPARATOR.join(dict.fromkeys(bylines))[:BYLINE_MAX],
    )


def _body_bylines(lines: list[str], known: set[str]) -> list[str]:
    """Authors named by a byline opening the body or closing it (before the lists
    and comments that follow an article)."""
    end = next(
        (i for i, line in enumerate(lines) if clean.is_section_marker(line)),
        len(lines),
    )
    edges = lines[:2] + lines[max(2, end - 3) : end]
    return [a for a in (byline_author(line, known) for line in edges) if a]


def _publication_date(
    header_dates: list[tuple[int, PartialDate]],
    title_index: int | None,
    lines: list[str],
    known: set[str],
) -> PartialDate | None:
    """The publication date among the date lines above the body.

    A date line between the title and the body is the article's. One above the
    title is the article's only right above it («22 ماي 2018» over the headline,
    or over a section label such as «عربي ودولي» above it); higher up it is
    the site's chrome, such as a "today" clock beside the site's name (a page
    scraped in 2025 showing that day over a 2018 story): a wrong date is worse
    than an unknown one."""
    if not header_dates:
        return None
    if title_index is None:
        return header_dates[0][1]
    below = [d for i, d in header_dates if i > title_index]
    if below:
        return below[0]
    for i, date in reversed(header_dates):
        between = lines[i + 1 : title_index]
        if all(_section_label(line, known) for line in between):
            return date
    return None


def _section_label(line: str, known: set[str]) -> bool:
    """A section's name over a headline: «دولي», «عربي ودولي», «قراءة في الصحف»;
    not a site's name (a clock beside it is chrome)."""
    if re.search(r"[|/>»›:\d]", line):
        return False
    # One word is a section however the registry may read it (العالم is also a
    # channel); two or three may be the site's own name.
    return clean.words(line) == 1 or (
        clean.words(line) <= 3
        and _key(line) not in known
        and not _SITE_WORDS.search(normalize_arabic(line))
    )


# A site's name with its Latin form or domain: "جوهرة أف أم - Jawhara FM",
# "النهار اللبنانية | annahar.com", "Al-Quds Al-Arabi".
_SITE_LIKE = re.compile(
    r"^[^a-zA-Z]{0,40}\s[-|–]\s*[a-zA-Z][\w .&'-]*$|\b[\w-]+\.(?:com|net|org|info)\b|"
    r"^[a-zA-Z][\w .&'-]*$"
)
# The publisher's line: «دار الخليج للصحافة والطباعة والنشر», «مؤسسة … للنشر».
_PUBLISHER = re.compile(
    r"^(?:دار|مؤسسة|شركة)\s.{0,40}(?:للصحافة|للطباعة|للنشر|والنشر|للإعلام)"
)


def _choose_title(headings, lines, menu_at=None) -> tuple[str, int | None]:
    """The headline: the first heading of four words or more, or fewer when there
    is none, that is neither in a list of other articles nor site chrome (a site's
    name in two scripts; anything above the site's menu bar when a heading follows
    the menu)."""
    candidates = [
        (index, text)
        for index, text, related in headings
        if not related and not _SITE_LIKE.search(text)
    ]
    if menu_at is not None and any(index > menu_at for index, _ in candidates):
        candidates = [(index, text) for index, text in candidates if index > menu_at]
    for min_words in (4, 3, 2, 1):
        for index, text in candidates:
            if clean.words(text) >= min_words:
                return text, index
    if headings:
        index, text, _ = headings[-1]
        return text, index
    return (lines[0], 0) if lines else ("", None)


_CURRENT_MONTH = re.compile(r"(?:\d{1,2}\s+)?(?P<m>\S+(?:\s\S+)?)\s+(?:الجاري|الحالي)")
_YEAR = re.compile(r"(?<![\d])(19[5-9]\d|20\d\d)(?![\d])")
_FUTURE = re.compile(
    normalize_arabic(r"(بحلول|حتى|قبل|المقبل|القادم|خطة|رؤية)\s*(عام\s*)?$")
)


def _date_from_current_month(paragraphs: list[str]) -> PartialDate | None:
    """ "21 يناير الجاري" in the text: the article was written that month. Its year
    only when the article states it: the latest year it names, not in a phrase
    about the future ("بحلول عام 2030"). Otherwise: unknown."""
    text = normalize_arabic(" ".join(paragraphs))
    month = None
    for match in _CURRENT_MONTH.finditer(text):
        words = match.group("m").split()
        for candidate in (" ".join(words), words[-1]):
            month = month_number(candidate)
            if month:
                break
        if month:
            break
    if not month:
        return None
    years = [
        int(m.group(1))
        for m in _YEAR.finditer(text)
        if not _FUTURE.search(text[max(0, m.start() - 20) : m.start()])
    ]
    if not years:
        return None
    return PartialDate(max(years), month)


def _clean_body(lines: list[str], title: str, candidates: list) -> list[str]:
    counts: dict[str, int] = {}
    for line in lines:
        counts[_key(line)] = counts.get(_key(line), 0) + 1
    title_key = _key(title)
    out: list[str] = []
    in_related_list = False
    for line in lines:
        key = _key(line)
        if clean.is_section_marker(line):
            in_related_list = True  # a list of other articles' titles follows
            continue
        if in_related_list:
            if clean.words(line) <= 25 and not re.search(r"[.!?؟]$", line):
                continue
            in_related_list = False
        if clean.is_debris(line):
            if clean.is_copyright(line):
                candidates.append(("copyright", line))
            continue
        if _is_relative_time(line) or date_line(line) or is_update_line(line):
            continue
        if key == title_key:
            continue
        # A caption printed twice under a photo; real paragraphs do not repeat.
        if counts[key] > 1 and clean.words(line) <= 25:
            continue
        if not key:  # punctuation only
            continue
        out.append(line)
    return _strip_keyword_prefix(out, title)

"""Splitting a raw scraped page into title, metadata lines and body paragraphs.

Pure functions: text in, a ``RawArticle`` out, no database. The page's own statements
are all we use; what it does not state stays None.
"""

import re
from dataclasses import dataclass, field

from archive.analysis import normalize_arabic, tokenize
from archive.dates import PartialDate
from archive.ingest import clean
from archive.ingest.dates import date_line, is_update_line


@dataclass
class RawArticle:
    title: str
    paragraphs: list[str]
    date: PartialDate | None = None
    dateline: str = ""
    # (kind, name) pairs the page offers as its outlet, strongest kinds first:
    # masthead, site (a "Title | Site" bar), byline, copyright, dateline.
    outlet_candidates: list[tuple[str, str]] = field(default_factory=list)

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
    """The site named by a short byline line, if it names one."""
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


def split_sections(
    text: str, known_outlets: set[str] | frozenset = frozenset()
) -> RawArticle:
    """Read a raw page. ``known_outlets`` holds normalized outlet names and aliases.

    >>> page = "عنوان الخبر\\nبكين-سانا\\nقال الرئيس إن العلاقات جيدة.\\nتعليقات"
    >>> a = split_sections(page)
    >>> a.title, a.dateline, a.paragraphs
    ('عنوان الخبر', 'بكين-سانا', ['قال الرئيس إن العلاقات جيدة.'])
    >>> a.outlet_candidates
    [('dateline', 'سانا')]
    """
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    known = set(known_outlets)

    title = ""
    date: PartialDate | None = None
    dateline = ""
    candidates: list[tuple[str, str]] = []
    body_start = len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not title and clean.is_masthead_staff(following) and clean.words(line) <= 6:
            candidates.append(("masthead", line))
            i += 2
            continue
        if (
            clean.is_debris(line)
            or clean.is_section_marker(line)
            or _is_relative_time(line)
        ):
            if clean.is_copyright(line):
                candidates.append(("copyright", line))
            i += 1
            continue
        found = date_line(line)
        if found:
            if date is None and not is_update_line(line):
                date = found
            i += 1
            continue
        if is_update_line(line):
            i += 1
            continue
        site = _byline_site(line, known)
        if site:
            candidates.append(("byline", site))
            i += 1
            continue
        if not title:
            bar = _TITLE_BAR.match(line)
            if bar and clean.words(bar.group("site")) <= 5:
                title = bar.group("title").strip()
                candidates.append(("site", bar.group("site").strip()))
            else:
                title = line
            i += 1
            continue
        if _key(line) == _key(title):  # the title repeated under itself
            i += 1
            continue
        place_agency = _dateline(line)
        if place_agency and not dateline:
            dateline = line
            candidates.append(("dateline", place_agency[1]))
            i += 1
            continue
        body_start = i
        break

    paragraphs = _clean_body(lines[body_start:], title, candidates)
    if date is None:
        # A date line under the article (e.g. "نشر في 3 ديسمبر 2025") also dates it.
        for line in lines[body_start:]:
            found = date_line(line)
            if found and not is_update_line(line):
                date = found
                break
    order = ["masthead", "site", "byline", "copyright", "dateline"]
    candidates.sort(key=lambda c: order.index(c[0]))
    return RawArticle(title, paragraphs, date, dateline, candidates)


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

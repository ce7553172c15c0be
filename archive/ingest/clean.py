"""Recognising site debris in raw pages: lines a reader never wants in an article."""

import re

from archive.text import normalize_arabic, tokenize


def _norm_set(*phrases: str) -> set[str]:
    return {" ".join(tokenize(p)) for p in phrases}


# A line that is only one of these ends the article: what follows is the site's lists
# of other articles, comments or photo galleries.
SECTION_MARKERS = _norm_set(
    "صور ساخنة", "تعليقات", "التعليقات", "أضف تعليق", "اترك تعليقا", "أهم الأخبار",
    "الأكثر قراءة", "الأكثر مشاهدة", "اقرأ أيضا", "إقرأ أيضا", "اقرأ المزيد",
    "مواضيع ذات صلة", "أخبار ذات صلة", "أخبار متعلقة", "مقالات ذات صلة", "قد يهمك أيضا",
    "شارك", "شارك المقال", "شارك هذا المقال", "شارك الخبر", "الكلمات المفتاحية",
    "كلمات مفتاحية", "كلمات دالة", "الوسوم", "وسوم", "tags", "related", "المزيد",
    "تابعونا", "تابعنا على", "اشترك في النشرة البريدية", "النشرة البريدية",
)  # fmt: skip

_READING_TIME = re.compile(
    normalize_arabic(r"^\W*(\d+\s*(دقيقة|دقائق|د)\s*(قراءة|للقراءة)|(مدة|وقت) القراءة)")
)
_RSS = re.compile(r"(rss\S*\.xml|\.xml\b.*not found|not found.*\.xml)", re.IGNORECASE)
_MASTHEAD_STAFF = re.compile(
    normalize_arabic("(رئيس مجلس الإدارة|رئيس التحرير|مدير التحرير)")
)
_BREADCRUMB_SEP = re.compile(r"\s*(?:>>|»|›|>|/|\\)\s*")
_HOME = _norm_set("الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home")
_COPYRIGHT = re.compile(
    normalize_arabic(r"(©|\(c\)|جميع الحقوق محفوظة|حقوق النشر|copyright)"), re.I
)


def words(line: str) -> int:
    return len(tokenize(line))


def is_section_marker(line: str) -> bool:
    """'اقرأ أيضاً', 'تعليقات', 'صور ساخنة'... alone on a line (a colon may follow)."""
    return " ".join(tokenize(line)) in SECTION_MARKERS


def is_reading_time(line: str) -> bool:
    """'2 دقيقة قراءة'."""
    return bool(_READING_TIME.match(normalize_arabic(line.lstrip("-–•· "))))


def is_rss_debris(line: str) -> bool:
    """'xml/K/rss0.xml x0n not found': a feed link the scraper broke."""
    return bool(_RSS.search(line))


def is_masthead_staff(line: str) -> bool:
    """'رئيس مجلس الإدارة ... رئيس التحرير ...' under a newspaper's name."""
    norm = normalize_arabic(line)
    return bool(_MASTHEAD_STAFF.search(norm)) and words(line) <= 20


def is_breadcrumb(line: str) -> bool:
    """'الصفحة الرئيسية >> التبادلات الدولية'."""
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p.strip()]
    if len(parts) >= 2 and re.search(r">>|»|›|>", line):
        return all(words(p) <= 5 for p in parts)
    return " ".join(tokenize(parts[0])) in _HOME if parts else False


def is_navigation(line: str) -> bool:
    """A menu bar: three or more short items split by | or • (and no sentence)."""
    parts = [p for p in re.split(r"\s*[|•·]\s*|\s{3,}", line) if p.strip()]
    return len(parts) >= 3 and all(words(p) <= 3 for p in parts)


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.search(normalize_arabic(line))) and words(line) <= 15


def is_debris(line: str) -> bool:
    return (
        is_reading_time(line)
        or is_rss_debris(line)
        or is_masthead_staff(line)
        or is_breadcrumb(line)
        or is_navigation(line)
        or is_copyright(line)
    )

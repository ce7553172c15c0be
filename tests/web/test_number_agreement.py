"""Numbers read as Arabic counts them: six plural forms (zero, one, two, few 3–10,
many 11–99, other 100–102…), through gettext and the catalogs in locale/."""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import ngettext

from archive.ops.catalogs import LOCALE
from archive.search.calendar import coverage_bars

COUNTS = (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1613)
# Arabic's plural form of each count: 0 zero, 1 one, 2 two, 3 few, 4 many, 5 other.
FORM = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5,
        103: 3, 111: 4, 1613: 4}  # fmt: skip
ROOT = Path(__file__).resolve().parents[2]
AR = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))


def counted_phrases_in_the_source() -> set[str]:
    """The singular msgid of every counted phrase the templates and code use."""
    found = set()
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("archive/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"{% blocktranslate count[^%]*%}(.*?){% plural %}", text):
            found.add(re.sub(r"{{ *counter *}}", "%(counter)s", m.group(1)))
        found.update(re.findall(r'ngettext\(\s*"([^"]+)"', text))
    return found


def test_every_counted_phrase_has_all_six_arabic_forms():
    used = counted_phrases_in_the_source()
    assert len(used) >= 10
    catalog = {e.msgid: e for e in AR if e.msgid_plural}
    assert used <= set(catalog), used - set(catalog)
    for msgid, entry in catalog.items():
        forms = entry.msgstr_plural
        assert sorted(forms) == list(range(6)) and all(forms.values()), msgid
        # few, many and other show the number; zero, one and two say it in words
        for form in (3, 4, 5):
            assert re.search(r"%\((counter|count)\)s", forms[form]), (msgid, form)
        for form in (1, 2):
            assert not re.search(r"%\((counter|count)\)s", forms[form]), (msgid, form)


def test_the_catalog_picks_each_counts_form():
    with translation.override("ar"):
        for n in COUNTS:
            shown = ngettext("<bdi>%(counter)s</bdi> result", "", n) % {"counter": n}
            expected = {
                0: "لا نتائج",
                1: "نتيجة واحدة",
                2: "نتيجتان",
                3: f"<bdi>{n}</bdi> نتائج",
                4: f"<bdi>{n}</bdi> نتيجةً",
                5: f"<bdi>{n}</bdi> نتيجة",
            }[FORM[n]]
            assert shown == expected, n


@pytest.mark.django_db
@pytest.mark.parametrize(
    "n, phrase",
    [
        (0, "لا مقالات في الأرشيف بعد."),
        (1, "في الأرشيف مقال واحد."),
        (2, "في الأرشيف مقالان."),
        (3, "في الأرشيف <bdi>3</bdi> مقالات."),
        (11, "في الأرشيف <bdi>11</bdi> مقالًا."),
    ],
)
def test_the_home_page_counts_the_archive_in_agreement(client, make_article, n, phrase):
    for i in range(n):
        make_article(title=f"مقال {i}")
    page = client.get("/").content.decode()
    assert phrase in page
    assert "مقالًا" not in page.replace(phrase, "") or n == 11


@pytest.mark.django_db
def test_search_results_and_chart_labels_agree_with_their_numbers(client, make_article):
    for month, day in ((3, 1), (3, 2), (3, 3), (5, 1)):
        date = datetime.date(2018, month, day)
        make_article(title="قمة", body="روسيا", date=date, date_precision="day")
    page = client.get("/search/", {"q": "روسيا"}).content.decode()
    assert "<bdi>4</bdi> نتائج" in page
    assert "مارس 2018: 3 مقالات" in page and "مايو 2018: مقال واحد" in page
    assert "مقالًا" not in page  # no count here takes the form of 11–99
    one = client.get("/search/", {"q": "روسيا", "month": "5", "year": "2018"})
    assert "نتيجة واحدة" in one.content.decode()


def test_chart_labels_for_every_count():
    with translation.override("ar"):
        for n in COUNTS:
            bars = coverage_bars({(2018, 1): n, (2018, 2): 1})
            label = bars[0].label
            words = {0: "لا مقالات", 1: "مقال واحد", 2: "مقالان", 3: f"{n} مقالات",
                     4: f"{n} مقالًا", 5: f"{n} مقال"}[FORM[n]]  # fmt: skip
            assert label == f"يناير 2018: {words}", n

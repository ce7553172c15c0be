import pytest

from archive.ingest.dates import date_line, is_update_line, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19 - 05 - 2025", "2025-05-19"),
        ("19/5/2025", "2025-05-19"),
        ("2025-05-19", "2025-05-19"),
        ("19.05.2025", "2025-05-19"),
        ("5/19/2025", "2025-05-19"),  # only a US order makes sense here
        ("3 ديسمبر 2025", "2025-12-03"),
        ("١٩ مايو ٢٠٢٥", "2025-05-19"),
        ("الثلاثاء 23 كانون الثاني 2018", "2018-01-23"),
        ("1 تشرين الأول 2017", "2017-10-01"),
        ("5 جويلية 2018", "2018-07-05"),
        ("12 أوت 2017", "2017-08-12"),
        ("10 حزيران (يونيو) 2018", "2018-06-10"),
        ("7 أيار/مايو 2018", "2018-05-07"),
        ("May 19, 2025", "2025-05-19"),
        ("أيار/مايو 2018", "2018-05"),
        ("يناير 2025", "2025-01"),
    ],
)
def test_parse_date_reads_arabic_forms(text, expected):
    assert parse_date(text).iso() == expected


@pytest.mark.parametrize(
    "text",
    [
        "منذ 40 دقيقة",  # relative: unknown, not today
        "في 21 يناير الجاري",  # no year written
        "31/02/2025",  # no such day
        "7 أيار/يونيو 2018",  # contradicts itself
        "19 - 05 - 1850",  # outside any plausible publication year
        "",
    ],
)
def test_parse_date_refuses_what_is_not_a_full_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- 3 ديسمبر 2025", "2025-12-03"),
        ("نشر في: الثلاثاء 23 يناير 2018 - 10:30 ص", "2018-01-23"),
        ("19 - 05 - 2025", "2025-05-19"),
        ("وقال الرئيس في 3 ديسمبر 2025 إن العلاقات جيدة", None),  # a sentence
    ],
)
def test_date_line_accepts_only_lines_that_are_dates(line, expected):
    found = date_line(line)
    assert (found.iso() if found else None) == expected


def test_update_lines_are_recognised():
    assert is_update_line("آخر تحديث: 4 ديسمبر 2025")
    assert not is_update_line("3 ديسمبر 2025")

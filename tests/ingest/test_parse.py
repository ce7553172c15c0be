"""Raw pages into clean parts: titles, dates, outlets, and no site debris."""

import pytest

from archive.ingest.outlets import OutletEntry, find_outlet
from archive.ingest.parse import split_sections
from archive.models import Outlet
from tests.conftest import SEEDS

# What a careful editor records from each seed page, and nothing more.
SEED_EXPECTATIONS = {
    "000_c6ac74b73e1760cb.txt": (
        "تعليق: مواصلة قيادة العلاقات الصينية ـ الروسية إلى مستوى أعلى",
        # "21 يناير الجاري": written that January; the text places it in 2025.
        "2025-01",
        [],
    ),
    "001_8d2d2c35a449af77.txt": (
        "شي وبوتين يؤكدان تعزيز الشراكة الاستراتيجية والتنسيق بشأن أزمة أوكرانيا",
        "2025-05-19",
        [],
    ),
    "002_142ec7222232bc80.txt": (
        "تعزيز الثقة الاستراتيجية: الصين وروسيا تتفقان على دفع التنسيق الثنائي"
        ' نحو "جودة أعلى" لمواجهة التحديات العالمية',
        "2025-12-03",
        [("byline", "Next News")],
    ),
    "003_a497809c63d4f4d8.txt": (
        "بوتين في بكين: تعزيز الشراكة في مختلف المجالات",
        None,  # "اليوم" is no date
        [("dateline", "سانا")],
    ),
    "004_18d75c9059457d1f.txt": (
        "القمة الصينية الروسية.. عقد الأسس لتحالف قوي في وجه التوترات العالمية",
        None,  # only "يوم الخميس" and "في مارس" (another event)
        [("masthead", "اتحاد العالم الإسلامي")],
    ),
}

DEBRIS = [
    "الصفحة الرئيسية",
    "صور ساخنة",
    "تعليقات",
    "دقيقة قراءة",
    "Next News",
    "أهم الأخبار",
    "rss0.xml",
    "رئيس مجلس الإدارة",
    "القمة الصينية الروسية رئيسا الصين وروسيا",  # a photo caption printed twice
    "بكين-سانا",
]


def read_seed(name):
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_title_date_and_outlet_candidates(name):
    title, date, candidates = SEED_EXPECTATIONS[name]
    page = split_sections(read_seed(name))
    assert page.title == title
    assert (page.date.iso() if page.date else None) == date
    assert page.outlet_candidates == candidates


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_body_has_no_site_debris(name):
    body = split_sections(read_seed(name)).body
    for debris in DEBRIS:
        assert debris not in body
    # The title is not repeated as the first paragraph.
    assert not body.startswith(SEED_EXPECTATIONS[name][0])


def test_seed_body_keeps_every_real_paragraph():
    page = split_sections(read_seed("001_8d2d2c35a449af77.txt"))
    assert page.paragraphs[0] == (
        "تلقى الرئيس الصيني شي جين بينغ مكالمة هاتفية من الرئيس الروسي فلاديمير بوتين."
    )
    assert page.paragraphs[-1].startswith("اختتما المكالمة بالاتفاق")
    assert len(page.paragraphs) == 10


def test_keyword_stuffed_paragraph_prefix_is_removed():
    page = split_sections(read_seed("004_18d75c9059457d1f.txt"))
    assert page.paragraphs[0].startswith("بدأ الرئيس الروسي، فلاديمير بوتين")
    assert "القمة الصينية الروسية:" not in page.body
    # A heading that only carried the prefix keeps its own words.
    assert "العلاقات بين روسيا والصين ليست استغلالية" in page.paragraphs


def test_byte_order_mark_and_windows_line_endings_do_not_fool_the_parser():
    text = (
        "\ufeffعنوان الخبر\r\n\r\n19/5/2025\r\n"
        "نص الفقرة الأولى.\r\nنص الفقرة الثانية.\r\n"
    )
    page = split_sections(text)
    assert page.title == "عنوان الخبر"
    assert page.date.iso() == "2025-05-19"
    assert page.paragraphs == ["نص الفقرة الأولى.", "نص الفقرة الثانية."]


def test_title_bar_names_the_site():
    page = split_sections(
        "روسيا والصين تعززان التعاون | سكاي نيوز عربية\nنص الخبر هنا."
    )
    assert page.title == "روسيا والصين تعززان التعاون"
    assert page.outlet_candidates == [("site", "سكاي نيوز عربية")]


def test_related_titles_after_the_article_are_not_body():
    text = (
        "عنوان الخبر\nالفقرة الأولى من الخبر.\nاقرأ أيضاً:\n"
        "بوتين يزور الهند الشهر المقبل\nالصين تطلق قمرا صناعيا جديدا\n"
    )
    assert split_sections(text).paragraphs == ["الفقرة الأولى من الخبر."]


def test_relative_time_is_not_a_date():
    page = split_sections("عنوان الخبر\nمنذ 40 دقيقة\nنص الخبر.")
    assert page.date is None
    assert page.paragraphs == ["نص الخبر."]


def test_update_line_is_not_the_publication_date():
    text = "عنوان الخبر\nآخر تحديث: 5 ديسمبر 2025\nنشر في: 3 ديسمبر 2025\nنص الخبر."
    assert split_sections(text).date.iso() == "2025-12-03"


REGISTRY = [
    OutletEntry("سانا", frozenset({"سانا"})),
    OutletEntry("رويترز", frozenset({"رويترز"}), is_wire=True),
    OutletEntry("بي بي سي عربي", frozenset({"بي بي سي عربي", "بي بي سي"})),
]


def test_wire_dateline_is_a_source_not_the_outlet():
    page = split_sections("عنوان الخبر\nبرلين - رويترز\nقال المتحدث إن الاجتماع انتهى.")
    assert page.dateline == "برلين - رويترز"
    assert find_outlet(page.outlet_candidates, REGISTRY) == (None, False)


def test_copyright_footer_names_the_outlet():
    page = split_sections("عنوان الخبر\nنص الخبر.\n© 2018 بي بي سي")
    assert find_outlet(page.outlet_candidates, REGISTRY) == ("بي بي سي عربي", False)


def test_page_without_outlet_or_date_stays_unknown():
    page = split_sections("عنوان الخبر\nقال الرئيس اليوم إن المحادثات كانت مثمرة.")
    assert page.date is None
    assert find_outlet(page.outlet_candidates, REGISTRY) == (None, False)


BODY_LINE = "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات."


@pytest.mark.parametrize(
    "masthead",
    [
        "جريدة الأفق | alofoq.com",  # a name with its domain
        "إذاعة الأفق - Radio Ofoq",  # a name in two scripts
        "صحيفة يومية سياسية مستقلة تصدر عن دار الأفق",  # a tagline above the menu
    ],
)
def test_the_sites_masthead_is_not_the_headline(masthead):
    page = "\n".join(
        [
            "الأفق",
            masthead,
            "الرئيسية | سياسة | اقتصاد | رياضة",
            "الصين وروسيا توقعان اتفاقا جديدا للطاقة",
            BODY_LINE,
        ]
    )
    assert split_sections(page).title == "الصين وروسيا توقعان اتفاقا جديدا للطاقة"


def test_a_masthead_with_its_domain_names_the_outlet():
    page = f"جريدة الأفق | alofoq.com\nالصين وروسيا توقعان اتفاقا جديدا\n{BODY_LINE}"
    assert ("site", "جريدة الأفق") in split_sections(page).outlet_candidates


JAWHARA = OutletEntry("جوهرة أف أم", frozenset({"جوهره اف ام"}))
SKY = OutletEntry("سكاي نيوز عربية", frozenset({"سكاي نيوز عربيه"}))


def test_an_outlet_written_with_an_added_article_is_recognised():
    assert find_outlet([("site", "الجوهرة أف أم")], [JAWHARA]) == ("جوهرة أف أم", False)


def test_a_house_dateline_opening_the_first_paragraph_names_the_outlet():
    page = (
        "الصين وروسيا توقعان اتفاقا جديدا للطاقة\n"
        "أبوظبي - سكاي نيوز عربية: قالت الصين إن العلاقات مع روسيا في أفضل حالاتها."
    )
    candidates = split_sections(page).outlet_candidates
    assert find_outlet(candidates, [SKY]) == ("سكاي نيوز عربية", False)


@pytest.mark.django_db
def test_the_registry_knows_the_arabic_press():
    assert Outlet.objects.count() >= 150
    hespress = Outlet.objects.get(name="هسبريس")
    assert hespress.country == "MA" and "hespress.com" in hespress.domains
    # Outlets the registry had before keep their wire flag: SANA's own dateline
    # («موسكو-سانا») names SANA as the page's outlet.
    assert not Outlet.objects.get(name="سانا").is_wire


def test_an_arabic_service_word_beside_a_broadcasters_name_is_the_broadcaster():
    france24 = OutletEntry("فرانس 24", frozenset({"فرانس 24", "france 24"}))
    sky = OutletEntry("سكاي نيوز عربية", frozenset({"سكاي نيوز عربيه"}))
    registry = [france24, sky]
    assert find_outlet([("site", "FRANCE 24 عربي")], registry) == ("فرانس 24", False)
    assert find_outlet([("site", "سكاي نيوز عربية")], registry) == (
        "سكاي نيوز عربية",
        False,
    )


def test_a_source_line_naming_the_outlet_and_its_agency_names_the_outlet():
    page = split_sections(
        "عنوان الخبر الطويل هنا\n(فرانس 24 / أ ف ب)\n"
        "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات.",
        {"فرانس 24", "ا ف ب"},
    )
    assert page.outlet_candidates == [("byline", "فرانس 24")]


def test_a_section_label_that_is_also_an_outlets_name_yields_to_the_copyright():
    entries = [
        OutletEntry("الشرق الأوسط", frozenset({"الشرق الاوسط"})),
        OutletEntry("بي بي سي عربي", frozenset({"بي بي سي"})),
    ]
    page = split_sections(
        "الشرق الأوسط\nروسيا تعلن تطوير الدفاع الجوي السوري\n"
        "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات.\n"
        "© 2018 بي بي سي.",
        {"الشرق الاوسط", "بي بي سي"},
    )
    assert find_outlet(page.outlet_candidates, entries) == ("بي بي سي عربي", False)


def test_the_publishers_line_is_neither_title_nor_outlet():
    page = split_sections(
        "الخليج\nدار الخليج للصحافة والطباعة والنشر\nعربي ودولي\n"
        'زعيم كوريا الشمالية يصف رئيس الصين بـ"المحترم".. فما القصة؟\n'
        "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات.",
        {"الخليج"},
    )
    assert page.title.startswith("زعيم كوريا الشمالية")
    assert page.outlet_candidates == [("name", "الخليج")]


def test_a_headline_ending_in_exclamation_marks_is_no_paragraph():
    page = split_sections(
        "قراءة في الصحف\nروسيا.. في صناديق الاقتراع رجل واحد وصوت واحد!!\n"
        "إعداد: محجوبة كرم\n"
        "اهتمت الصحف اليوم بإعادة انتخاب الرئيس الروسي لولاية رابعة وبنتائج التصويت."
    )
    assert page.title == "روسيا.. في صناديق الاقتراع رجل واحد وصوت واحد!!"
    assert page.authors == ["محجوبة كرم"]

"""A reader opens the site in a real browser: RTL, readable, the Arabic font loaded."""

import os
import re

import pytest

from archive.models import Article
from tests.browser.conftest import WIDTHS

pytestmark = pytest.mark.browser


def test_home_and_article_render_right_to_left(page, seeded_site):
    page.goto(seeded_site + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    title = "شي وبوتين يؤكدان تعزيز الشراكة الاستراتيجية والتنسيق بشأن أزمة أوكرانيا"
    link = page.get_by_role("link", name=title)
    assert link.is_visible()

    link.click()
    page.wait_for_load_state()
    heading = page.locator("h1")
    assert heading.inner_text() == title
    assert heading.is_visible()
    # The heading starts at the right edge of its column, as Arabic text should.
    box = heading.bounding_box()
    column = page.locator(".article").bounding_box()
    assert abs((box["x"] + box["width"]) - (column["x"] + column["width"])) < 2


def test_arabic_webfont_is_served_and_used(page, seeded_site):
    page.goto(seeded_site + "/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'بوتين')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert "Noto Naskh Arabic" in [f.strip('"') for f in loaded]


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_article_is_readable_without_horizontal_scroll(page, seeded_site, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    article = Article.objects.get(source_id="page:004_18d75c9059457d1f")
    page.goto(seeded_site + article.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    body = page.locator(".article__body p").first
    style = body.evaluate(
        "p => { const s = getComputedStyle(p), size = parseFloat(s.fontSize);"
        " return [parseFloat(s.lineHeight) / size,"
        " p.getBoundingClientRect().width / size]; }"
    )
    line_height, measure_em = style
    assert line_height >= 1.7  # Arabic needs generous leading
    assert measure_em <= 45  # and a readable line length


def test_search_from_the_header_finds_an_article(page, seeded_site):
    page.goto(seeded_site + "/")
    page.get_by_role("searchbox").fill("شويجو")
    page.get_by_role("button", name="بحث").click()
    page.wait_for_load_state()
    assert "نتيجة واحدة" in page.locator(".count").inner_text()
    # The alias registry also finds his full name: سيرجي شويجو, marked as one phrase.
    assert page.locator("mark").first.inner_text() == "سيرجي شويجو"


def test_a_byline_reads_right_to_left_and_links_its_author(
    page, live_server, transactional_db, registries, tmp_path
):
    from django.core.management import call_command

    line = "مقال لمراسل الشؤون الدولية لدى CNN، بن ويدمان"
    raw = tmp_path / "byline.txt"
    raw.write_text(
        f"الصين وروسيا توقعان اتفاقا للطاقة\n{line}\n"
        "قال مسؤولون إن التعاون بين البلدين يتوسع في مجالات كثيرة."
    )
    call_command("import_articles", str(raw), quiet=True)
    page.goto(live_server.url + Article.objects.get().get_absolute_url())
    byline = page.locator(".byline")
    assert byline.inner_text() == line
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.byline')).direction")
        == "rtl"
    )
    if shots := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/article-byline.png")
    # The citation's URL stands on its own line, read left to right.
    citation = page.locator("#citation")
    assert "\nhttp" in citation.input_value()
    assert citation.evaluate("e => getComputedStyle(e).unicodeBidi") == "plaintext"
    byline.get_by_role("link", name="بن ويدمان").click()
    page.wait_for_load_state()
    assert "بن ويدمان" in page.locator("h1").inner_text()


def test_a_typo_is_answered_with_the_archives_word_read_right_to_left(
    page, seeded_site
):
    # The seeds were imported, so the vocabulary was read: «أوكرانيا» is there.
    page.goto(seeded_site + "/search/?q=" + "اوكراناا (")
    said = page.locator(".suggestions")
    assert said.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert said.inner_text().startswith("هل تقصد:")
    note = page.locator(".understood--note")
    assert note.inner_text() == "أغلقنا القوس المفتوح في آخر البحث."
    if shots := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/search-did-you-mean.png", full_page=True)
    said.get_by_role("link").first.click()
    page.wait_for_load_state()
    count = page.locator(".count").inner_text()
    assert re.search(r"نتيجة|نتيجتان|نتائج", count) and "لا نتائج" not in count

"""A reader's path through the archive in Debian's chromium, with axe-core checking
every page it passes for serious or critical accessibility violations."""

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page):
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("node_modules/axe-core is missing (npm ci)")
        pytest.skip("axe-core is not installed (npm ci)")
    # Evaluated through the DevTools protocol, which the page's CSP does not govern
    # (a <script> tag, as add_script_tag makes, would be refused by it).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}: {serious}"


def test_reader_walks_from_search_to_a_theme_and_the_date_index(page, seeded_site):
    page.goto(seeded_site + "/")
    assert_accessible(page)

    page.get_by_role("searchbox").fill("بوتين")
    page.get_by_role("button", name="بحث").click()
    page.wait_for_load_state()
    assert "نتائج البحث" in page.locator("h1").inner_text()
    assert_accessible(page)

    # Narrow to a speaker from the facets; the chip shows the active filter.
    page.locator(".facets").get_by_role("link", name="شي جين بينغ").click()
    page.wait_for_load_state()
    assert "speaker=xi-jinping" in page.url
    assert page.locator(".chip").first.inner_text().startswith("شي جين بينغ")
    assert_accessible(page)

    # Open the first article; its themes are links.
    page.locator(".card__title a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1.article__title").is_visible()
    assert_accessible(page)
    theme = page.locator(".tags a[href^='/themes/']").first
    theme_name = theme.inner_text()
    theme.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == theme_name
    assert_accessible(page)

    # On to the date index from the navigation bar.
    page.get_by_role("navigation", name="تصفح الأرشيف").get_by_role(
        "link", name="التواريخ"
    ).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "التصفح بالتاريخ"
    assert page.get_by_role("link", name="تاريخ غير معروف").is_visible()
    assert_accessible(page)


def test_keyboard_focus_is_visible(page, seeded_site):
    page.goto(seeded_site + "/")
    page.keyboard.press("Tab")  # the skip link
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.evaluate("document.activeElement.textContent").strip() == (
        "تخطَّ إلى المحتوى"
    )


def test_pages_work_without_javascript(browser, seeded_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded_site + "/search/?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86")
    assert page.locator(".card").count() >= 1
    assert page.locator("svg.coverage__chart rect").count() >= 1
    context.close()

"""`make screenshots`: the main pages at phone and desktop widths, saved as PNG."""

import os
from pathlib import Path

import pytest

from archive.models import Article
from tests.browser.conftest import WIDTHS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("SCREENSHOT_DIR"), reason="make screenshots"),
]


def test_save_screenshots(page, seeded_site):
    out = Path(os.environ["SCREENSHOT_DIR"])
    out.mkdir(parents=True, exist_ok=True)
    article = Article.objects.get(source_id="page:003_a497809c63d4f4d8")
    from archive.models import Person

    putin = Person.objects.get(name_latin="Vladimir Putin")
    pages = {
        "home": "/",
        "person": putin.get_absolute_url(),
        "dates": "/dates/",
        "month": "/dates/2025/5/",
        "outlets": "/outlets/",
        "people": "/people/",
        "themes": "/themes/",
        "theme": "/themes/bilateral-relations/",
        "search": "/search/?q=بوتين",
        "article": article.get_absolute_url() + "?q=بوتين",
        "bad-request": "/search/?page=abc",
        "about-extraction": "/about/extraction/",
        "about": "/about/",
    }
    for name, path in pages.items():
        for width_name, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(seeded_site + path)
            page.evaluate("document.fonts.ready")
            page.screenshot(path=out / f"{name}-{width_name}.png", full_page=True)
    assert len(list(out.glob("*.png"))) >= len(pages) * len(WIDTHS)

"""An editor in a real browser: log in, paste a raw page, correct the date, save, and
find the article through the public search with the corrected date."""

import pytest
from django.contrib.auth.models import Group, User

from tests.conftest import SEEDS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-passphrase-7"


@pytest.fixture
def editor_site(live_server, transactional_db, registries):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return live_server.url


def log_in(page, site):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()


def test_editor_pastes_corrects_the_date_and_the_public_finds_it(page, editor_site):
    log_in(page, editor_site)
    page.goto(editor_site + "/admin/archive/article/")
    page.get_by_role("link", name="أضف من صفحة خام").click()
    raw = (SEEDS / "003_a497809c63d4f4d8.txt").read_text("utf-8")
    page.fill("#id_raw", raw)
    page.get_by_role("button", name="استخرج").click()
    page.wait_for_load_state()
    # The extraction filled the form; the page gave no date, so it is unknown.
    assert (
        page.input_value("#id_title")
        == "بوتين في بكين: تعزيز الشراكة في مختلف المجالات"
    )
    assert page.input_value("#id_date_precision") == "unknown"
    page.fill("#id_date", "2024-05-16")
    page.select_option("#id_date_precision", "day")
    page.get_by_role("button", name="احفظ المقال").click()
    page.wait_for_load_state()
    assert "حُفظ المقال" in page.content()

    page.goto(
        editor_site
        + "/search/?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86+%D8%A8%D9%83%D9%8A%D9%86"
    )
    card = page.locator(".card").filter(has_text="بوتين في بكين")
    assert card.locator("time").get_attribute("datetime") == "2024-05-16"
    assert card.locator("time").inner_text() == "16 مايو 2024"


def test_editor_cannot_open_the_user_admin(page, editor_site):
    log_in(page, editor_site)
    response = page.goto(editor_site + "/admin/auth/user/")
    assert response.status == 403


def test_the_paste_box_and_the_review_body_are_roomy(page, editor_site):
    import os

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, editor_site)
    page.goto(editor_site + "/admin/archive/article/paste/")
    assert page.locator("#id_raw").bounding_box()["width"] >= 700
    label = page.locator("label[for=id_files]").inner_text()
    assert label.startswith("أو ملفات نصية (txt)")
    page.fill("#id_raw", (SEEDS / "003_a497809c63d4f4d8.txt").read_text("utf-8"))
    page.get_by_role("button", name="استخرج").click()
    page.wait_for_load_state()
    assert page.locator("#id_body").bounding_box()["width"] >= 700
    assert page.locator("#id_save_duplicate").count() == 0  # no copy was found
    if shots := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/admin-review-desktop.png", full_page=True)
    page.goto(editor_site + "/admin/archive/article/")
    filters = page.locator("#changelist-filter").inner_text()
    assert "حسب الموضوعات" in filters and "themes" not in filters

"""Editors add and correct articles in the admin: quickly, safely, nothing lost."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from reversion.models import Version

from archive.models import Article, Person, Theme
from tests.conftest import SEEDS
from tests.editorial.conftest import RAW, review_data


@pytest.mark.django_db
def test_paste_extract_review_correct_and_save(editor, client):
    response = editor.post("/admin/archive/article/paste/", {"raw": RAW})
    assert response.status_code == 200
    initial = response.context["review"].initial
    assert initial["title"].startswith("تعزيز الثقة الاستراتيجية")
    assert initial["date"].isoformat() == "2025-12-03"
    assert initial["outlet"].name == "Next News"
    # nothing like it in the archive: no «save anyway» to tick
    assert 'name="save_duplicate"' not in response.content.decode()
    data = review_data(response)
    data["date"] = "2025-12-02"  # the editor corrects the date
    saved = editor.post("/admin/archive/article/paste/", data)
    assert saved.status_code == 302
    article = Article.objects.get()
    assert article.date_label == "2 ديسمبر 2025"
    assert {"date", "date_precision"} <= set(article.editor_fields)
    assert "title" not in article.editor_fields
    # Searchable the moment it is saved, with the corrected date.
    api = client.get("/api/search/", {"q": "شويجو"}).json()
    assert [r["date"] for r in api["results"]] == ["2025-12-02"]
    assert Version.objects.get_for_object(article).count() == 1


@pytest.mark.django_db
def test_a_likely_duplicate_is_flagged_before_saving(editor):
    call_command("import_articles", str(SEEDS), quiet=True)
    response = editor.post("/admin/archive/article/paste/", {"raw": RAW})
    existing = Article.objects.get(source_id="page:002_142ec7222232bc80")
    assert response.context["duplicates"] == [existing]
    html = response.content.decode()
    assert f"/admin/archive/article/{existing.pk}/change/" in html
    assert 'name="save_duplicate"' in html
    refused = editor.post("/admin/archive/article/paste/", review_data(response))
    assert refused.status_code == 200
    assert 'name="save_duplicate"' in refused.content.decode()
    assert Article.objects.count() == 5  # nothing saved until confirmed


@pytest.mark.django_db
def test_needs_review_filter_and_bulk_theme(editor, make_article):
    import datetime

    dated = make_article(
        title="مع تاريخ", date=datetime.date(2018, 1, 2), date_precision="day"
    )
    undated = make_article(title="بلا تاريخ")
    page = editor.get("/admin/archive/article/", {"review": "date"})
    assert list(page.context["cl"].queryset) == [undated]
    undated.authors.add(Person.objects.create(name="سارة الأحمد", slug="sara"))
    page = editor.get("/admin/archive/article/", {"review": "author"})
    assert list(page.context["cl"].queryset) == [dated]
    energy = Theme.objects.get(slug="energy")
    editor.post(
        "/admin/archive/article/",
        {"action": "add_theme", "theme": energy.pk, "_selected_action": [dated.pk]},
    )
    dated.refresh_from_db()
    assert list(dated.themes.all()) == [energy]
    assert "themes" in dated.editor_fields


@pytest.mark.django_db
def test_merging_two_people_moves_their_articles_and_names(editor, make_article):
    a = Person.objects.create(name="وانغ إكس", name_latin="Wang X")
    b = Person.objects.create(name="وانج إكس", aliases=["وانج"])
    article = make_article(title="تصريح")
    article.articleperson_set.create(person=b, role="speaker")
    done = editor.post(
        "/admin/archive/person/",
        {"action": "merge", "_selected_action": [a.pk, b.pk]},
        follow=True,
    )
    assert "دُمج شخص واحد في «وانغ إكس»." in done.content.decode()
    assert not Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert {"وانج إكس", "وانج"} <= set(a.aliases)
    assert [p.name for p in article.speakers()] == ["وانغ إكس"]


@pytest.mark.django_db
def test_a_deleted_article_can_be_recovered(admin_client, make_article):
    import reversion

    with reversion.create_revision():
        article = make_article(title="سيحذف خطأً", body="نص مهم")
    pk = article.pk
    admin_client.post(f"/admin/archive/article/{pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    (version,) = Version.objects.get_deleted(Article)
    page = admin_client.get("/admin/archive/article/recover/")
    assert "سيحذف خطأً" in page.content.decode()
    url = f"/admin/archive/article/recover/{version.pk}/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({
        "editor_fields": "",
        "articleperson_set-TOTAL_FORMS": 0, "articleperson_set-INITIAL_FORMS": 0,
        "articletheme_set-TOTAL_FORMS": 0, "articletheme_set-INITIAL_FORMS": 0,
        "quotes-TOTAL_FORMS": 0, "quotes-INITIAL_FORMS": 0,
    })  # fmt: skip
    data.pop("outlet", None)
    data.pop("date", None)
    admin_client.post(url, data)
    restored = Article.objects.get(pk=pk)
    assert restored.body == "نص مهم"


@pytest.mark.django_db
def test_editors_cannot_manage_users(editor):
    assert editor.get("/admin/archive/article/").status_code == 200
    assert editor.get("/admin/auth/user/").status_code == 403
    assert editor.get("/admin/auth/group/").status_code == 403


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client):
    User.objects.create_user("victim", password="the-right-passphrase", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "victim", "password": "wrong"})
    locked = client.post(
        "/admin/login/", {"username": "victim", "password": "the-right-passphrase"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_line_endings_a_browser_posts_are_no_edit(editor):
    response = editor.post(
        "/admin/archive/article/paste/", {"raw": RAW.replace("\n", "\r\n")}
    )
    data = review_data(response)
    # A browser sends every textarea back with \r\n line endings.
    for name in ("title", "body", "raw"):
        data[name] = data[name].replace("\n", "\r\n")
    assert editor.post("/admin/archive/article/paste/", data).status_code == 302
    article = Article.objects.get()
    assert article.editor_fields == []
    assert "\r" not in article.body and "\r" not in article.raw_text


def change_form_data(response) -> dict:
    """What the admin's change form posts back when the editor touches nothing."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = field.widget.format_value(value) if name == "date" else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for sub in formset.initial_forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None:
                    data[sub.add_prefix(name)] = value
    return data


@pytest.mark.django_db
def test_saving_the_change_form_records_only_what_the_editor_changed(editor):
    call_command("import_articles", str(SEEDS), quiet=True)
    article = Article.objects.get(source_id__contains="002_142ec7222232bc80")
    assert "\n" in article.body and article.editor_fields == []
    url = f"/admin/archive/article/{article.pk}/change/"
    data = change_form_data(editor.get(url))
    # A browser sends every textarea back with \r\n line endings.
    data = {
        k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()
    }
    data["title"] = "عنوان صححه المحرر"
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "عنوان صححه المحرر"
    assert article.editor_fields == ["title"]
    assert "\r" not in article.body

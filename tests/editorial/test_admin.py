import re

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.conftest import SEEDS


def form_data(response) -> dict:
    """The POST data of an admin change page as the browser would send it."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, list | tuple):
                value = ",".join(map(str, value)) if name == "editor_fields" else value
            data[form.add_prefix(name)] = value
    return data


@pytest.mark.django_db
def test_editor_correction_is_marked_and_kept_by_reimport(admin_client, seeded):
    article = seeded["page:000_c6ac74b73e1760cb"]
    url = f"/admin/archive/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data.update({"date": "2025-01-21", "date_precision": "day"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert set(article.editor_fields) >= {"date", "date_precision"}

    # A changed raw page re-imported later must not undo the editor's date.
    article.content_hash = "stale"
    article.save()
    call_command("import_articles", str(SEEDS), quiet=True)
    article.refresh_from_db()
    assert article.date_label == "21 يناير 2025"


@pytest.mark.django_db
def test_admin_pages_open(admin_client, seeded):
    for url in ["/admin/", "/admin/archive/article/", "/admin/archive/outlet/"]:
        assert admin_client.get(url).status_code == 200
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_accepting_a_suggested_speaker_adds_them_to_registry_and_article(
    admin_client, make_article
):
    from archive.models import Person, SpeakerSuggestion

    article = make_article(
        title="تصريح", body="وقال المتحدث تشانغ جيانمين، إن الحوار مهم."
    )
    suggestion = SpeakerSuggestion.objects.create(article=article, name="تشانغ جيانمين")
    response = admin_client.post(
        "/admin/archive/speakersuggestion/",
        {"action": "accept", "_selected_action": [suggestion.pk]},
    )
    assert response.status_code == 302
    person = Person.objects.get(name="تشانغ جيانمين")
    assert [p.name for p in article.speakers()] == ["تشانغ جيانمين"]
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.person == person


@pytest.mark.django_db
def test_person_page_lists_their_quotes_with_links(client, seeded):
    from archive.models import Person

    putin = Person.objects.get(name_latin="Vladimir Putin")
    response = client.get(putin.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert putin.quotes.exists()
    first = putin.quotes.select_related("article").first()
    assert first.text in html
    assert first.article.get_absolute_url() in html


@pytest.mark.django_db
def test_the_admin_names_its_sections_and_columns_in_arabic(admin_client, make_article):
    index = admin_client.get("/admin/").content.decode()
    assert "محاولات الدخول" in index and ">Axes<" not in index
    article = make_article()
    page = admin_client.get(f"/admin/archive/article/{article.pk}/change/")
    html = page.content.decode()
    # the inlines' column headings: the fields' own names, not PERSON or THEME
    headings = re.findall(r'<th class="column-(person|theme)[^"]*">\s*(\S+)', html)
    assert headings == [("person", "الشخص"), ("theme", "الموضوع")]

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.conftest import SEEDS


@pytest.mark.django_db
def test_editor_correction_is_marked_and_kept_by_reimport(admin_client, seeded):
    article = seeded["page:000_c6ac74b73e1760cb"]
    url = f"/admin/archive/article/{article.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title": article.title,
            "body": article.body,
            "date": "2025-01-21",
            "date_precision": "day",
            "editor_fields": "",
            "articleperson_set-TOTAL_FORMS": 0,
            "articleperson_set-INITIAL_FORMS": 0,
            "articletheme_set-TOTAL_FORMS": 0,
            "articletheme_set-INITIAL_FORMS": 0,
        }
    )
    data.pop("outlet", None)
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

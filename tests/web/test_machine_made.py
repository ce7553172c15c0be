"""Readers are told what a machine extracted and no editor confirmed."""

import pytest
from django.core.management import call_command

from archive.models import Article
from tests.conftest import SEEDS

MARK = "استُخرج آليًا"


@pytest.mark.django_db
def test_extracted_speakers_and_themes_are_marked_until_an_editor_confirms(client):
    call_command("import_articles", str(SEEDS), quiet=True)
    article = Article.objects.get(source_id="page:001_8d2d2c35a449af77")
    page = client.get(article.get_absolute_url()).content.decode()
    assert MARK in page and "المتحدثون" in page
    assert "/about/extraction/" in page

    article.editor_fields = ["people", "themes", "quotes", "authors"]
    article.save()
    assert MARK not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_extraction_page_explains_and_says_how_to_report(client, settings):
    settings.CONTACT_EMAIL = "editors@example.org"
    page = client.get("/about/extraction/").content.decode()
    assert "كيف تبلّغ عن خطأ" in page and "mailto:editors@example.org" in page

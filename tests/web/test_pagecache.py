"""Readers' pages from the page cache (archive.web.pagecache): served again without
the database, emptied by any write, never for an editor."""

import pytest
from django.contrib.auth import get_user_model

from archive.models import Article


@pytest.mark.django_db
def test_a_page_already_served_comes_from_the_cache_without_the_database(
    client, make_article, django_assert_max_num_queries
):
    make_article(title="قمة بكين وموسكو", body="روسيا والصين")
    first = client.get("/search/", {"q": "بكين"})
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the generation number, nothing else
        again = client.get("/search/", {"q": "بكين"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Length"] == str(len(first.content))
    # the same headers as when it was computed, security ones included
    for name in ("Content-Type", "Content-Security-Policy", "X-Frame-Options",
                 "X-Content-Type-Options", "Referrer-Policy"):  # fmt: skip
        assert again.get(name) == first.get(name) and first.get(name), name
    # another URL is another page
    other = client.get("/search/", {"q": "موسكو"})
    assert other["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_any_write_to_the_archive_empties_it_for_everyone(client, make_article):
    article = make_article(title="قمة بكين", body="روسيا والصين")
    assert "قمة بكين" in client.get("/search/", {"q": "روسيا"}).content.decode()
    client.get("/")
    # an editor's correction (any save, in any process: a trigger moves the
    # generation on) shows on the next request, not after a timer
    Article.objects.filter(pk=article.pk).update(title="قمة شنغهاي")
    page = client.get("/search/", {"q": "روسيا"})
    assert page["X-Page-Cache"] == "miss"
    assert "قمة شنغهاي" in page.content.decode()
    assert "قمة بكين" not in page.content.decode()
    make_article(title="مقال جديد", body="روسيا")
    assert "مقال جديد" in client.get("/search/", {"q": "روسيا"}).content.decode()


@pytest.mark.django_db
def test_a_signed_in_editor_always_gets_the_live_page(client, make_article):
    make_article(title="قمة بكين", body="روسيا")
    client.get("/search/", {"q": "روسيا"})  # cached for readers
    editor = get_user_model().objects.create_user("editor", password="x-long-pass")
    client.force_login(editor)
    page = client.get("/search/", {"q": "روسيا"})
    assert "X-Page-Cache" not in page
    assert "private" in page["Cache-Control"]
    assert "public" not in page["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_tell_browsers_and_a_cdn_how_long_to_keep_them(
    client, make_article, settings
):
    make_article(title="قمة بكين", body="روسيا")
    page = client.get("/")
    assert "public" in page["Cache-Control"]
    assert f"max-age={settings.PAGE_CACHE_MAX_AGE}" in page["Cache-Control"]
    assert {"cookie", "accept-language"} <= {
        v.strip().lower() for v in page["Vary"].split(",")
    }
    # a browser that holds this version is told so, without the body
    again = client.get("/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get("/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_errors_and_the_admin_are_never_cached(client, make_article):
    for _ in range(2):
        missing = client.get("/articles/999999/")
        assert missing.status_code == 404 and "X-Page-Cache" not in missing
    for _ in range(2):
        past = client.get("/search/", {"page": "50"})
        assert past.status_code == 404 and "X-Page-Cache" not in past
    admin = client.get("/admin/login/")
    assert "X-Page-Cache" not in admin and "public" not in admin["Cache-Control"]


@pytest.mark.django_db
def test_without_the_page_cache_every_request_is_live(client, make_article, settings):
    settings.PAGE_CACHE = False
    make_article(title="قمة بكين", body="روسيا")
    for _ in range(2):
        page = client.get("/")
        assert "X-Page-Cache" not in page and "public" in page["Cache-Control"]


def _redis_url() -> str | None:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return None
    return "redis://127.0.0.1:6379/15"


@pytest.mark.django_db
@pytest.mark.skipif(_redis_url() is None, reason="no Redis on 127.0.0.1:6379")
def test_the_page_cache_is_shared_through_redis_as_deployed(
    client, make_article, settings
):
    # CACHE_URL=redis://... gives every worker one page cache (docker compose): a
    # page stored by one is served by another; a write still empties it.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url(),
            "KEY_PREFIX": "archive-test-pages",
        },
    }
    from django.core.cache import caches
    from django.test import Client

    caches["pages"].clear()
    make_article(title="قمة بكين", body="روسيا")
    assert client.get("/", {"q": "روسيا"})["X-Page-Cache"] == "miss"
    other_worker = Client()
    assert other_worker.get("/", {"q": "روسيا"})["X-Page-Cache"] == "hit"
    make_article(title="مقال آخر", body="روسيا")
    assert other_worker.get("/", {"q": "روسيا"})["X-Page-Cache"] == "miss"
    caches["pages"].clear()


@pytest.mark.django_db
def test_two_query_strings_the_site_reads_differently_are_two_pages(
    client, make_article
):
    # A raw é (two UTF-8 bytes) and the percent-encoding of those bytes read as
    # Latin-1 («Ã©») re-encode to the same URL; the site reads them apart, and so
    # must the cache.
    make_article(title="é", body="نص")
    raw = client.get("/search/", QUERY_STRING="q=\xc3\xa9")
    mojibake = client.get("/search/", QUERY_STRING="q=%C3%83%C2%A9")
    assert raw["X-Page-Cache"] == "miss" and mojibake["X-Page-Cache"] == "miss"

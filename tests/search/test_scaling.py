"""Beyond one machine: read replicas, connection pooling, static files on a CDN."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from config.database import database_from_url
from config.routers import PrimaryForEditorsMiddleware, ReplicaRouter

TWO_SERVERS = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "archive"},
    "replica1": {"ENGINE": "django.db.backends.postgresql", "NAME": "archive"},
}


def _routed(request) -> tuple[str, str]:
    """(where a read goes, where a write goes) during ``request``."""
    seen = {}

    def view(request):
        router = ReplicaRouter()
        seen["read"] = router.db_for_read(None)
        seen["write"] = router.db_for_write(None)
        return None

    PrimaryForEditorsMiddleware(view)(request)
    return seen["read"], seen["write"]


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
@override_settings(DATABASES=TWO_SERVERS)
def test_readers_read_replicas_and_editors_the_primary():
    from django.contrib.auth.models import AnonymousUser, User

    factory = RequestFactory()
    reader = factory.get("/search/?q=روسيا")
    reader.user = AnonymousUser()
    assert _routed(reader) == ("replica1", "default")

    editor = factory.get("/search/?q=روسيا")
    editor.user = User(username="editor")  # signed in: sees their own saves
    assert _routed(editor) == ("default", "default")

    admin = factory.get("/admin/archive/article/")
    admin.user = AnonymousUser()
    assert _routed(admin) == ("default", "default")

    post = factory.post("/admin/login/")
    post.user = AnonymousUser()
    assert _routed(post) == ("default", "default")
    # Outside any request, and without replicas, everything is the primary.
    assert ReplicaRouter().db_for_read(None) == "replica1"
    assert not ReplicaRouter().allow_migrate("replica1", "archive")


def test_without_replicas_every_read_goes_to_the_primary():
    assert ReplicaRouter().db_for_read(None) == "default"


def test_replica_urls_become_mirrored_databases_with_the_router():
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/primary",
        "DATABASE_REPLICA_URLS": "postgres://postgres@10.0.0.2:5432/archive,"
        "postgres://postgres@10.0.0.3:5432/archive",
        "DATABASE_POOL": "8",
        "STATIC_URL": "https://cdn.example.org/static/",
        "CACHE_DIR": "/tmp/archive-test-cache",
        "SECRET_KEY": "test-only",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "from django.conf import settings as s;"
        "print(sorted(s.DATABASES), s.DATABASE_ROUTERS,"
        " s.DATABASES['replica2']['HOST'], s.DATABASES['replica1']['TEST'],"
        " s.DATABASES['default']['OPTIONS']['pool']['max_size'],"
        " 'config.routers.PrimaryForEditorsMiddleware' in s.MIDDLEWARE, s.STATIC_URL,"
        " s.CACHES['default']['BACKEND'].rsplit('.', 1)[1])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == [
        "['default',", "'replica1',", "'replica2']", "['config.routers.ReplicaRouter']",
        "10.0.0.3", "{'MIRROR':", "'default'}", "8", "True",
        "https://cdn.example.org/static/", "FileBasedCache",
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_pooled_connection_answers_queries():
    """DATABASE_POOL=2 gives working connections from a psycopg pool of two."""
    pooled = database_from_url("postgres://u@h/db", pool=3)
    assert pooled["CONN_MAX_AGE"] == 0 and pooled["OPTIONS"]["pool"]["max_size"] == 3
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{host}{port}/{db['NAME']}",
        "DATABASE_POOL": "2",
        "SECRET_KEY": "test-only",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "from archive.models import Article;"
        "print(Article.objects.count() >= 0, connection.pool.max_size)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["True", "2"], out.stderr[-2000:]

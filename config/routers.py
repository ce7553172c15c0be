"""Reads to read replicas, writes (and every read of an editor's request) to the
primary. Active only when ``DATABASE_REPLICA_URLS`` names replicas (README.md,
"Beyond one machine").

Replicas lag the primary by a moment. A reader does not notice; an editor who saves
an article and opens it again must see the save, so requests that change data, the
admin, and signed-in editors read the primary (``PrimaryForEditorsMiddleware``).
"""

import contextvars
import random

from django.conf import settings

_primary = contextvars.ContextVar("archive_primary", default=False)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        choices = replicas()
        if _primary.get() or not choices:
            return "default"
        return random.choice(choices)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaryForEditorsMiddleware:
    """Pin this request's reads to the primary when it writes or an editor makes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        pinned = (
            request.method not in ("GET", "HEAD", "OPTIONS")
            or request.path.startswith("/admin/")
            or bool(user is not None and user.is_authenticated)
        )
        token = _primary.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _primary.reset(token)

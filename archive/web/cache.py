"""Caching of counts that many requests share: facets, charts, calendars, totals.

Result lists are always read live. Counts are kept under the archive's generation
number (``archive_counts_generation``, a sequence that every write to an article,
its links or the registries moves on, by a trigger: migration 0018), so a count is
never older than the last write, whichever process made it: an import in another
shell, the admin, a restore. ``TTL`` only bounds how long an unused entry stays.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

TTL = 120
T = TypeVar("T")


def generation() -> int:
    """The archive's write generation: it moves on with every write."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM archive_counts_generation")
        return cursor.fetchone()[0]


def cached_counts(name: str, params: str, compute: Callable[[], T]) -> T:
    digest = hashlib.sha1(params.encode("utf-8")).hexdigest()
    key = f"archive:{name}:{generation()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value

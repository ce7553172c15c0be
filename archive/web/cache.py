"""Short-lived caching of counts that many requests share: facets, charts, calendars.

Result lists are always read live. Counts are kept for ``TTL`` seconds and dropped
by this process whenever an article, its people or its themes change; other worker
processes see such an edit in their counts within ``TTL`` seconds.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

TTL = 120
# Counts over the whole archive (the index pages): a second per million articles to
# compute, and an article more changes them by one.
ARCHIVE_TTL = 600
_VERSION_KEY = "archive:counts-version"
T = TypeVar("T")


def cached_counts(
    name: str, params: str, compute: Callable[[], T], ttl: int | None = None
) -> T:
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    digest = hashlib.sha1(params.encode("utf-8")).hexdigest()
    key = f"archive:{name}:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL if ttl is None else ttl)
    return value


def forget_counts() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


@receiver([post_save, post_delete], dispatch_uid="archive-counts")
def _on_change(sender, **kwargs) -> None:
    if sender.__module__ == "archive.models":
        forget_counts()

"""Scratch databases: the only place development tools write.

The benchmarks, the corpus generator and the hostile-input report create, fill and
drop whole databases of synthetic or corpus articles, and the generator drops and
rebuilds the search index. None of that may ever reach a live archive, so each of
them runs inside a database of its own (``scratch_database``, named
``archive_bench…``) or a test database (``test_…``), and refuses any other
(``require_scratch_database``).
"""

import contextlib
from collections.abc import Iterator

from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import setup_databases, teardown_databases

SCRATCH_NAME = "archive_bench"
# Django's test databases, and the tools' own scratch databases.
SCRATCH_PREFIXES = ("test_", SCRATCH_NAME)


class NotScratch(CommandError):
    """A development tool was pointed at a database that is not its own."""


def is_scratch(name: str) -> bool:
    """
    >>> is_scratch("archive_bench_100000"), is_scratch("test_archive")
    (True, True)
    >>> is_scratch("archive"), is_scratch("postgres")
    (False, False)
    """
    return name.startswith(SCRATCH_PREFIXES)


def require_scratch_database(tool: str) -> None:
    """Raise ``NotScratch`` unless the current database is a scratch one."""
    name = connection.settings_dict["NAME"]
    if not is_scratch(name):
        raise NotScratch(
            f"{tool} writes only to a scratch database ({SCRATCH_NAME}… or test_…), "
            f"never to {name!r}: it would add synthetic articles to the archive "
            "and rebuild its search index. The commands create their own scratch "
            "database; see README.md, «Benchmarks»."
        )


@contextlib.contextmanager
def scratch_database(keep: bool = False, name: str = SCRATCH_NAME) -> Iterator[None]:
    """Run inside a scratch database (``archive_bench``, never the test suite's);
    ``keep`` reuses it between runs."""
    if not is_scratch(name):
        raise NotScratch(f"{name!r} is not a scratch database name")
    test_settings = connection.settings_dict.setdefault("TEST", {})
    previous = test_settings.get("NAME")
    test_settings["NAME"] = name
    # No serialized copy of the contents (Django keeps one for TransactionTestCase):
    # at a million articles it would not fit in memory.
    old = setup_databases(
        verbosity=0, interactive=False, keepdb=keep, serialized_aliases=set()
    )
    try:
        yield
    finally:
        teardown_databases(old, verbosity=0, keepdb=keep)
        test_settings["NAME"] = previous

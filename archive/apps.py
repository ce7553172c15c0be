import logging

from django.apps import AppConfig

logger = logging.getLogger(__name__)


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "الأرشيف"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The translation catalogs compiled if a checkout has none yet or they are
        # older than their .po (two stat calls when they are fresh): without them
        # the counted phrases of the Arabic pages would read as their English
        # message ids. `make install` and the image compile them beforehand; a
        # read-only tree that lacks them is logged, not fatal.
        from archive.ops.catalogs import compile_catalogs

        try:
            compile_catalogs()
        except OSError as exc:
            logger.warning("translation catalogs not compiled: %s", exc)

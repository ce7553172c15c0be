from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "الأرشيف"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive.web import cache  # noqa: F401  (connects the signal handlers)

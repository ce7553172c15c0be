"""Third-party apps under the names the Arabic admin shows."""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "محاولات الدخول"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "naober.accounts"
    verbose_name = _("Staff and audit trail")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers the checks, connects the handlers)

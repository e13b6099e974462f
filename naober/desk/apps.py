from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "naober.desk"
    verbose_name = _("The host's desk and referrals")

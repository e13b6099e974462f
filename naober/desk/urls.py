from datetime import date

from django.urls import path, register_converter

from .views import counter, network, referrals


class IsoDateConverter:
    """2026-11-23; an impossible date (2026-02-30) does not match, so it answers 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)

    def to_url(self, value: date) -> str:
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

app_name = "desk"
urlpatterns = [
    path("balie/", counter.desks, name="desks"),
    path("balie/<slug:slug>/", counter.desk, name="desk_today"),
    path("balie/<slug:slug>/<isodate:day>/", counter.desk, name="desk"),
    path("balie/<slug:slug>/<isodate:day>/bezoek/", counter.count, name="count"),
    path(
        "balie/<slug:slug>/<isodate:day>/bezoek/<int:visit>/thema/",
        counter.visit_theme,
        name="visit_theme",
    ),
    path(
        "balie/<slug:slug>/<isodate:day>/bezoek/<int:visit>/ongedaan/",
        counter.visit_undo,
        name="visit_undo",
    ),
    path("balie/<slug:slug>/vraag/", referrals.refer, name="refer"),
    path("verwijzingen/", referrals.referrals, name="referrals"),
    path("verwijzingen/<int:pk>/", referrals.referral, name="referral"),
    path("verwijzingen/<int:pk>/status/", referrals.referral_status, name="referral_status"),
    path("cijfers/", network.figures, name="figures"),
    path("inzage/", network.rights, name="rights"),
    path("inzage/export/", network.rights_export, name="rights_export"),
    path("inzage/wissen/", network.rights_erase, name="rights_erase"),
]

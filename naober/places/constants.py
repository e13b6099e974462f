from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    WELFARE = "welfare", _("Welfare organisation")
    SOCIAL_TEAM = "social_team", _("Municipal social team")
    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING = "housing", _("Housing corporation")
    POLICE = "police", _("Police")
    MENTAL_HEALTH = "mental_health", _("Mental-health care")
    ADDICTION = "addiction", _("Addiction care")
    VOLUNTEERS = "volunteers", _("Volunteers' foundation")


class PlaceKind(models.TextChoices):
    BUURTKAMER = "buurtkamer", _("Buurtkamer")
    HUIS_VAN_DE_BUURT = "huis_van_de_buurt", _("Huis van de Buurt")
    AREA_TEAM = "area_team", _("Gebiedsteam walk-in")
    MEETING_PLACE = "meeting_place", _("Ontmoetingsplek")


class ThemeCode(models.TextChoices):
    HOUSING = "housing", _("Housing")
    CARE = "care", _("Care and WMO")
    WELFARE = "welfare", _("Welfare and loneliness")
    MONEY = "money", _("Money and debt")
    LANGUAGE = "language", _("Language, numeracy and computers")
    WORK = "work", _("Work and job applications")
    SAFETY = "safety", _("Safety")
    CARERS = "carers", _("Carers (mantelzorg)")
    NEWCOMERS = "newcomers", _("Newcomers")
    YOUTH = "youth", _("Young people")


# Words residents type for a theme, in Dutch and English, lower case. The search matches a query
# against these as well as against the theme's own name in the active language.
THEME_KEYWORDS: dict[str, tuple[str, ...]] = {
    ThemeCode.HOUSING: ("wonen", "woning", "huur", "huis", "lekkage", "housing", "rent"),
    ThemeCode.CARE: ("zorg", "wmo", "hulp bij het huishouden", "thuiszorg", "care", "help at home"),
    ThemeCode.WELFARE: ("welzijn", "eenzaam", "eenzaamheid", "contact", "lonely", "loneliness"),
    ThemeCode.MONEY: (
        "geld",
        "schulden",
        "schuld",
        "energietoeslag",
        "toeslag",
        "geldzorgen",
        "armoede",
        "money",
        "debt",
        "energy allowance",
    ),
    ThemeCode.LANGUAGE: (
        "taal",
        "rekenen",
        "computer",
        "digitaal",
        "lezen",
        "schrijven",
        "language",
        "computers",
    ),
    ThemeCode.WORK: ("werk", "solliciteren", "sollicitatie", "baan", "work", "job"),
    ThemeCode.SAFETY: ("veiligheid", "politie", "overlast", "safety", "police"),
    ThemeCode.CARERS: ("mantelzorg", "mantelzorger", "carer", "carers"),
    ThemeCode.NEWCOMERS: ("nieuwkomer", "nieuwkomers", "statushouder", "inburgering", "newcomer"),
    ThemeCode.YOUTH: ("jongeren", "jeugd", "jong", "young people", "youth"),
}


class Weekday(models.IntegerChoices):
    """ISO-like numbering as Python's date.weekday(): Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")

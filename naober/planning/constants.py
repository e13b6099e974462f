from django.db import models
from django.utils.translation import gettext_lazy as _

# Attribution for the CBS and PDOK figures naober ships (CC BY 4.0): on every page and export
# that uses them.
CBS_ATTRIBUTION = "Bron: CBS, PDOK (CC BY 4.0)"


class DatasetKind(models.TextChoices):
    AREAS = "areas", _("Areas")
    DEMAND = "demand", _("Residents (demand points)")
    CANDIDATES = "candidates", _("Candidate buildings")


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    VILLAGE = "village", _("Village or town")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    POSTCODE = "postcode", _("Postcode area")


class BuildingKind(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    SPORTS_CLUB = "sports_club", _("Sports club")
    CHURCH = "church", _("Church")
    SCHOOL = "school", _("School")
    CARE = "care", _("Care building")
    LIBRARY = "library", _("Library")
    OTHER = "other", _("Other")


class Method(models.TextChoices):
    MAXIMAL_COVERING = "maximal_covering", _("Reach the most residents with k new places")
    SET_COVERING = "set_covering", _("The fewest new places that reach everyone who can be reached")
    P_MEDIAN = "p_median", _("k new places with the shortest mean distance")


class ScenarioStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Horizon(models.TextChoices):
    NOW = "now", _("Now")
    YEARS_3 = "3", _("In about 3 years")
    YEARS_5 = "5", _("In about 5 years")
    YEARS_10 = "10", _("In about 10 years")
    NOT_SURE = "unsure", _("I do not know")


class WantedActivity(models.TextChoices):
    COFFEE = "coffee", _("Coffee and a chat")
    MEAL = "meal", _("Eating together")
    EXERCISE = "exercise", _("Exercise and walking")
    CREATIVE = "creative", _("Crafts and hobbies")
    LANGUAGE = "language", _("Learning Dutch")
    COMPUTER = "computer", _("Help with the computer or phone")
    ADVICE = "advice", _("A walk-in hour for questions")
    CHILDREN = "children", _("Activities for children and parents")
    CULTURE = "culture", _("Music, films and talks")


class Transport(models.TextChoices):
    WALK = "walk", _("On foot")
    BICYCLE = "bicycle", _("By bicycle or mobility scooter")
    CAR = "car", _("By car")
    BUS = "bus", _("By bus or a transport service")
    LIFT = "lift", _("Someone takes me")
    CANNOT = "cannot", _("I cannot get there on my own")

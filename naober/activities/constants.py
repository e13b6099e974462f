from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityTheme(models.TextChoices):
    """What kind of thing you do: how residents look for an activity."""

    EXERCISE = "exercise", _("Sport and exercise")
    MUSIC = "music", _("Music and singing")
    CREATIVE = "creative", _("Creative and crafts")
    FOOD = "food", _("Cooking and eating together")
    LEARNING = "learning", _("Learning and workshops")
    COMPUTERS = "computers", _("Computers and phones")
    MEETING = "meeting", _("Coffee and meeting others")
    OUTDOORS = "outdoors", _("Walking and outdoors")


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Seat confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    # A seat came free: it is held for this person until `offered_until`; they confirm or lose it.
    OFFERED = "offered", _("Seat offered, waiting for confirmation")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer not confirmed in time")


# The one table of allowed status changes, checked in activities/signup.py.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    SignUpStatus.WAITLISTED: {SignUpStatus.OFFERED, SignUpStatus.CANCELLED},
    SignUpStatus.OFFERED: {SignUpStatus.CONFIRMED, SignUpStatus.CANCELLED, SignUpStatus.EXPIRED},
    SignUpStatus.CONFIRMED: {SignUpStatus.CANCELLED},
    SignUpStatus.CANCELLED: set(),
    SignUpStatus.EXPIRED: set(),
}
# Still in the running: counts against doubles of the same person.
ACTIVE = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED, SignUpStatus.OFFERED)
# Holding a seat: counts against the session's capacity.
HOLDING = (SignUpStatus.CONFIRMED, SignUpStatus.OFFERED)


class Channel(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    DESK = "desk", _("At the desk")

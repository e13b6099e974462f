from django.db import models
from django.utils.translation import gettext_lazy as _

from . import solver


class Skill(models.TextChoices):
    """The controlled list of skills a need can ask for (the solver knows the same codes)."""

    HOSTING = "hosting", _("Hosting")
    WMO = "wmo", _("WMO questions")
    MONEY = "money", _("Money matters")
    LANGUAGE = "language", _("Language help")
    COMPUTER = "computer", _("Computer help")
    FIRST_AID = "first_aid", _("First aid")
    COOKING = "cooking", _("Cooking")


assert tuple(Skill.values) == solver.SKILLS, "Skill and solver.SKILLS must list the same codes"


class Approval(models.TextChoices):
    """Who approves a swap, a shift given away or an open shift taken: per network."""

    COORDINATOR = "coordinator", _("The coordinator approves")
    AUTOMATIC = "automatic", _("Automatically, when the rules allow it")


class RosterStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be generated")
    SOLVING = "solving", _("Being generated")
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Could not be generated")


class AssignmentStatus(models.TextChoices):
    """A person is on a shift (confirmed), or has been asked to take it and has not answered:
    within NAOBER_ROSTER_ASK_HOURS of the start nobody is put on a shift without saying yes."""

    CONFIRMED = "confirmed", _("On the roster")
    ASKED = "asked", _("Asked, no answer yet")


class Source(models.TextChoices):
    """How an assignment came about."""

    SOLVER = "solver", _("Generated")
    REPAIR = "repair", _("Repaired after a change")
    TAKEN = "taken", _("Taken by the person")
    SWAP = "swap", _("Swapped")
    COORDINATOR = "coordinator", _("Set by the coordinator")


class ChangeKind(models.TextChoices):
    GIVE_AWAY = "give_away", _("Shift given away")
    SWAP = "swap", _("Swap")
    TAKE = "take", _("Open shift taken")


class ChangeStatus(models.TextChoices):
    OPEN = "open", _("Open: someone may take it")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A change that is still going: an open offer or one waiting for approval.
CHANGE_ACTIVE = (ChangeStatus.OPEN, ChangeStatus.PENDING)

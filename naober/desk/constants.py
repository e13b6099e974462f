from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ACCEPTED = "accepted", _("Accepted")
    CONTACTED = "contacted", _("Resident contacted")
    # "Closed" is also what a place is on a holiday; a referral is closed in another sense.
    CLOSED = "closed", pgettext_lazy("referral status", "Closed")
    DECLINED = "declined", _("Declined")


# The one table of allowed status changes (checked in desk/referrals.py: change_status).
# Declined: not for this organisation; the referring side can refer the question elsewhere.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REFERRED: frozenset({Status.ACCEPTED, Status.DECLINED}),
    Status.ACCEPTED: frozenset({Status.CONTACTED, Status.CLOSED}),
    Status.CONTACTED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.DECLINED: frozenset(),
}
# A referral in one of these states is finished: its personal data goes after the retention period.
FINISHED = frozenset({Status.CLOSED, Status.DECLINED})


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Within two weeks")
    SOON = "soon", _("This week")
    URGENT = "urgent", _("Today")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    AT_PLACE = "at_place", _("At the meeting place")
    HOME_VISIT = "home_visit", _("A home visit")


class LegalBasis(models.TextChoices):
    """Why sharing the question with the partner is lawful (AVG article 6 and 9)."""

    CONSENT = "consent", _("The resident's explicit consent")
    PUBLIC_TASK = "public_task", _("The municipality's public task")


class Outcome(models.TextChoices):
    HELPED = "helped", _("Helped")
    REFERRED_ON = "referred_on", _("Referred on to other help")
    NOT_NEEDED = "not_needed", _("No help needed after all")
    NO_CONTACT = "no_contact", _("Could not reach the resident")
    RESIDENT_DECLINED = "resident_declined", _("The resident did not want help")


class Erasure(models.TextChoices):
    RETENTION = "retention", _("Retention period ended")
    REQUEST = "request", _("The resident asked")

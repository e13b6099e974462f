import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naober.places.models import Organisation, Place, Provenance, Theme

from .constants import ContactMethod, Erasure, LegalBasis, Outcome, Status, Urgency


class VisitQuerySet(models.QuerySet):
    def counted(self) -> "VisitQuerySet":
        return self.filter(undone_at__isnull=True)


class Visit(models.Model):
    """One resident walking in, counted at the desk. Anonymous: a place, a day, maybe a theme.

    `key` comes with the touch that counted it (a UUID in the form, or from an API client), so
    the same touch sent twice counts once. Undo marks the visit undone rather than deleting it,
    so a late copy of the same touch cannot count it again."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="visits"
    )
    day = models.DateField(_("day"))
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, null=True, blank=True
    )
    key = models.UUIDField(_("touch key"), unique=True, default=uuid.uuid4)
    counted_at = models.DateTimeField(_("counted at"), default=timezone.now)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    invented = models.BooleanField(_("invented"), default=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-counted_at", "-id"]
        indexes = [models.Index(fields=["place", "day"])]

    def __str__(self) -> str:
        return f"{self.place} {self.day} {self.theme or ''}".strip()


class ReferralQuerySet(models.QuerySet):
    def received_by(self, user) -> "ReferralQuerySet":
        """Referrals sent to an organisation where this person is a partner professional: the
        only ones whose content and contact details they may see."""
        from naober.accounts.access import partner_organisations

        return self.filter(to_organisation__in=partner_organisations(user))

    def sent_by(self, user) -> "ReferralQuerySet":
        """Referrals sent from this person's organisations: they see the status only."""
        from naober.accounts.access import organisations

        return self.filter(from_organisation__in=organisations(user))

    def visible_to(self, user) -> "ReferralQuerySet":
        """Either of the two: what may appear in this person's lists at all."""
        from naober.accounts.access import organisations, partner_organisations

        return self.filter(
            Q(to_organisation__in=partner_organisations(user))
            | Q(from_organisation__in=organisations(user))
        )

    def in_network(self, municipalities) -> "ReferralQuerySet":
        """For a coordinator's figures: counts only, never content."""
        return self.filter(place__municipality__in=municipalities)

    def finished_before(self, moment) -> "ReferralQuerySet":
        from .constants import FINISHED

        return self.filter(status__in=FINISHED, finished_at__lte=moment)

    def with_personal_data(self) -> "ReferralQuerySet":
        return self.filter(personal_data_erased_at__isnull=True)


class Referral(Provenance):
    """A resident's question, recorded once at a desk and handed to one partner organisation.

    The description is special-category data (health, money): only the receiving organisation's
    partner professionals see it. Contact details live in their own table (ContactDetails)."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="referrals"
    )
    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    key = models.UUIDField(_("form key"), unique=True, default=uuid.uuid4)
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT)
    description = models.TextField(_("question"), blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    contact_method = models.CharField(
        _("how the resident wants to be contacted"), max_length=20, choices=ContactMethod.choices
    )
    resident_agreed = models.BooleanField(_("the resident agreed"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REFERRED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )
    erasure = models.CharField(
        _("erased because"), max_length=20, choices=Erasure.choices, blank=True
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident_agreed=True), name="referral_needs_resident_agreement"
            )
        ]

    def __str__(self) -> str:
        return _("Referral %(number)s") % {"number": self.pk}

    def can_be_seen_by(self, user) -> bool:
        """May this person read the question and the contact details?"""
        from naober.accounts.access import partner_organisations

        return partner_organisations(user).filter(pk=self.to_organisation_id).exists()

    def status_visible_to(self, user) -> bool:
        from naober.accounts.access import organisations

        return (
            self.can_be_seen_by(user)
            or organisations(user).filter(pk=self.from_organisation_id).exists()
        )

    @property
    def is_finished(self) -> bool:
        from .constants import FINISHED

        return self.status in FINISHED

    @property
    def personal_data_erased(self) -> bool:
        return self.personal_data_erased_at is not None


class ContactDetails(models.Model):
    """How to reach the resident, kept apart from the question: shown only to the receiving
    organisation, deleted with the referral's personal data. The normalised phone and e-mail
    let a coordinator find everything about one resident for an export or erasure."""

    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(
        _("when and how"),
        max_length=200,
        blank=True,
        help_text=_("For example: mornings only; ring twice."),
    )
    phone_normalised = models.CharField(max_length=30, blank=True, db_index=True, editable=False)
    email_normalised = models.CharField(max_length=254, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        # Never the name: this text can end up in logs and admin messages.
        return _("Contact details of referral %(number)s") % {"number": self.referral_id}

    def save(self, *args, **kwargs):
        from .contact import normalise_email, normalise_phone

        self.phone_normalised = normalise_phone(self.phone)
        self.email_normalised = normalise_email(self.email)
        super().save(*args, **kwargs)


class StatusChange(models.Model):
    """The history of a referral's status, which flows back to the referring side. No text."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"

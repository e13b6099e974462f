import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naober.places.models import Municipality, Organisation, Place

from .constants import AuditAction, AuditResult, Channel, Role


class MembershipQuerySet(models.QuerySet):
    def of(self, user, role: Role | None = None) -> "MembershipQuerySet":
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        found = self.filter(user=user)
        return found.filter(role=role) if role else found


class Membership(models.Model):
    """A person's role for an organisation: coordinator of a municipality's network, host of some
    places, or partner professional who receives the organisation's referrals."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("network of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_(
            "For a coordinator or a policy maker: the municipality whose network they "
            "coordinate or plan for."
        ),
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="host_memberships",
        help_text=_("For a host: the places whose desk they keep."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"

    def clean(self) -> None:
        super().clean()
        with_network = (Role.COORDINATOR, Role.POLICY)
        if self.role in with_network and not self.municipality_id:
            raise ValidationError(
                {
                    "municipality": _(
                        "Choose the municipality whose network this person coordinates "
                        "or plans for."
                    )
                }
            )
        if self.role not in with_network and self.municipality_id:
            raise ValidationError(
                {
                    "municipality": _(
                        "Only a coordinator or a policy maker has a network. Leave this empty."
                    )
                }
            )


class StaffSession(models.Model):
    """The sessions a person is logged in with, so logout and deactivation can end all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} since {self.started_at:%Y-%m-%d %H:%M}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the staff API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for this person: the saved row and the token itself, to show once."""
        token = "nbr_" + secrets.token_urlsafe(32)
        row = cls.objects.create(user=user, name=name, prefix=token[:8], digest=cls.hash(token))
        return row, token

    @classmethod
    def find(cls, token: str) -> "ApiToken | None":
        row = cls.objects.active().select_related("user").filter(digest=cls.hash(token)).first()
        if row is not None:
            cls.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return row


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit trail is append-only.")

    def delete(self):
        raise TypeError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One line of the append-only audit trail.

    No foreign keys, so deleting a person or a referral never rewrites history, and no free text
    from residents: the actor, what they did to which object, with what result, from where, and
    when (UTC). `subject` holds a pseudonym (a keyed hash) of a resident's contact detail when a
    coordinator looks a resident up, never the detail itself. The database refuses updates (and
    on PostgreSQL deletes) with a trigger, see the migration."""

    at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor = models.CharField(_("actor"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=50, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    result = models.CharField(
        _("result"), max_length=10, choices=AuditResult.choices, default=AuditResult.OK
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    origin = models.CharField(_("origin"), max_length=100, blank=True)
    subject = models.CharField(_("resident (pseudonym)"), max_length=64, blank=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor or '-'} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")

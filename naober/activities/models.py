import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naober.places.models import Organisation, Place
from naober.schedules.models import RecurringRule

from .constants import ACTIVE, HOLDING, ActivityTheme, Channel, SignUpStatus


class ActivityQuerySet(models.QuerySet):
    def public(self) -> "ActivityQuerySet":
        return self.filter(is_public=True, place__is_public=True)


class Activity(RecurringRule):
    """Something to do at a place, again and again: the sports morning, the workshop, the lunch.

    The recurrence fields (frequency, weekdays, week of the month, interval, valid from/until)
    come from RecurringRule, the same engine as the openings; the place's closures and the public
    holidays it closes on cancel a session as they close an opening."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="activities"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Empty: run by volunteers."),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, help_text=_("In plain Dutch: what you do, who it is for.")
    )
    theme = models.CharField(
        _("theme"), max_length=20, choices=ActivityTheme.choices, default=ActivityTheme.MEETING
    )
    start_time = models.TimeField(_("starts at"))
    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"), default=120, help_text=_("For example 90 for an hour and a half.")
    )
    capacity = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: open to all, no limit.")
    )
    signup_required = models.BooleanField(
        _("sign-up needed"), default=True, help_text=_("Off: just walk in.")
    )
    cost = models.DecimalField(
        _("cost in euros"), max_digits=6, decimal_places=2, default=0, help_text=_("0 is free.")
    )
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("For example: chairs with armrests, quiet room, hearing loop."),
    )
    is_public = models.BooleanField(_("shown to residents"), default=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["place_id", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.place})"

    def get_absolute_url(self) -> str:
        return reverse("activities:activity", args=[self.pk])

    @property
    def is_free(self) -> bool:
        return not self.cost

    @property
    def end_time(self):
        moment = datetime.combine(datetime.min, self.start_time) + timedelta(minutes=self.duration)
        return moment.time()

    def clean(self) -> None:
        errors: dict = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.duration is not None and self.duration < 1:
            errors.setdefault("duration", []).append(_("An activity lasts at least a minute."))
        elif self.start_time is not None and self.duration is not None:
            start = datetime.combine(datetime.min, self.start_time)
            if (start + timedelta(minutes=self.duration)).date() != start.date():
                errors.setdefault("duration", []).append(
                    _("The activity would end after midnight: shorten it or start earlier.")
                )
        if self.capacity == 0:
            errors.setdefault("capacity", []).append(
                _("Give at least 1 seat, or leave it empty for no limit.")
            )
        if errors:
            raise ValidationError(errors)


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now: datetime | None = None) -> "SessionQuerySet":
        return self.filter(end__gt=now or timezone.now())

    def between(self, start: datetime, end: datetime) -> "SessionQuerySet":
        return self.filter(start__lt=end, end__gt=start)

    def public(self) -> "SessionQuerySet":
        return self.filter(activity__is_public=True, activity__place__is_public=True)

    def kept_by(self, user) -> "SessionQuerySet":
        """Sessions whose attendance list (names, phone numbers, notes) this person may see: those
        at a place whose desk they keep. Coordinators see the counts, in the admin and the
        figures; a superuser without a host's membership sees no names either."""
        from naober.accounts.access import desk_places

        return self.filter(activity__place__in=desk_places(user))

    def with_seats(self) -> "SessionQuerySet":
        """Annotate `taken` (people holding a seat) and `waiting` (sign-ups on the waiting list)."""
        return self.annotate(
            taken=Coalesce(Sum("signups__people", filter=Q(signups__status__in=HOLDING)), 0),
            waiting=Count("signups", filter=Q(signups__status=SignUpStatus.WAITLISTED)),
        )


class Session(models.Model):
    """One occurrence of an activity, with its own capacity, sign-ups and waiting list."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: open to all, no limit.")
    )
    cancel_reason = models.CharField(
        _("cancelled because"),
        max_length=200,
        blank=True,
        help_text=_("Shown to residents. Empty: the session goes ahead."),
    )
    # Cancelled by planning (a closure, a public holiday, a changed rule) rather than by hand:
    # planning may restore it.
    cancelled_by_calendar = models.BooleanField(default=False, editable=False)
    # Added by hand, not from the activity's rule: planning leaves it alone.
    extra = models.BooleanField(_("extra session"), default=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "start"], name="one_session_per_start")
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{self.activity.title} {local:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("activities:sign_up", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return bool(self.cancel_reason)

    def has_started(self, now: datetime | None = None) -> bool:
        return self.start <= (now or timezone.now())

    def seats_taken(self) -> int:
        """People holding a seat; from the `with_seats` annotation when there is one."""
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.signups.filter(status__in=HOLDING).aggregate(n=Sum("people"))["n"] or 0
        return taken

    def seats_left(self) -> int | None:
        """Free seats; None when the session has no limit."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.seats_taken())

    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_left() == 0

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


class SignUpQuerySet(models.QuerySet):
    def active(self) -> "SignUpQuerySet":
        return self.filter(status__in=ACTIVE)

    def waiting_line(self) -> "SignUpQuerySet":
        """The waiting list in order: first come, first promoted."""
        return self.filter(status=SignUpStatus.WAITLISTED).order_by("created_at", "id")

    def with_personal_data(self) -> "SignUpQuerySet":
        return self.filter(personal_data_erased_at__isnull=True)


class SignUp(models.Model):
    """One resident (and the people they bring) for one session.

    A series sign-up is one row per session, sharing `series`. The name, phone number, e-mail
    address and note are personal data: deleted NAOBER_SIGNUP_RETENTION_DAYS after the session;
    the count, status and attendance stay for the figures."""

    key = models.UUIDField(_("key"), unique=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    series = models.UUIDField(_("series"), null=True, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    # International form (+31612345678), from activities/contact.py.
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    note = models.CharField(_("note"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=12, choices=SignUpStatus.choices, default=SignUpStatus.CONFIRMED
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    channel = models.CharField(
        _("through"), max_length=8, choices=Channel.choices, default=Channel.WEB
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    offered_until = models.DateTimeField(_("offer open until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("came"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )
    invented = models.BooleanField(_("invented"), default=False)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["session_id", "created_at", "id"]
        constraints = [
            # The same person twice for one session, even from two requests at once.
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=Q(status__in=ACTIVE) & ~Q(phone=""),
                name="one_active_signup_per_phone",
            ),
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=ACTIVE) & ~Q(email=""),
                name="one_active_signup_per_email",
            ),
            models.CheckConstraint(
                condition=Q(people__gte=1), name="signup_brings_at_least_one_person"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name or _('(erased)')} × {self.people}: {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def place_in_line(self) -> int | None:
        """Their number on the waiting list (1: first in line); None when not on it."""
        if self.status != SignUpStatus.WAITLISTED:
            return None
        ahead = Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        return (
            SignUp.objects.filter(session_id=self.session_id).waiting_line().filter(ahead).count()
            + 1
        )

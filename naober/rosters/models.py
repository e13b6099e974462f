import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naober.places.constants import Weekday
from naober.places.models import Municipality, Organisation, Place, Provenance
from naober.schedules.models import OpeningRule

from .constants import (
    Approval,
    AssignmentStatus,
    ChangeKind,
    ChangeStatus,
    RosterStatus,
    Skill,
    Source,
)


def _check_skills(value, field: str, *, counts: bool) -> None:
    """Skills come from the controlled list (constants.Skill)."""
    codes = value.keys() if counts else value
    unknown = [code for code in codes if code not in Skill.values]
    if unknown:
        raise ValidationError(
            {
                field: _("Unknown skill %(skill)s. Choose from: %(known)s.")
                % {
                    "skill": ", ".join(map(str, unknown)),
                    "known": ", ".join(str(label) for label in Skill.labels),
                }
            }
        )
    if counts and any(not isinstance(n, int) or n < 1 for n in value.values()):
        raise ValidationError({field: _("Each skill needs a number of people of 1 or more.")})


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Person(Provenance):
    """Someone on the roster: staff of a partner organisation, or a volunteer (no organisation).

    Linked to a login (`user`) for self-service: my shifts, giving one away, swaps."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("network of"),
        on_delete=models.PROTECT,
        related_name="roster_people",
    )
    name = models.CharField(_("name"), max_length=150)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roster_person",
        help_text=_("The account this person logs in with to see and change their shifts."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roster_people",
        help_text=_("Empty for a volunteer."),
    )
    skills = models.JSONField(
        _("skills"), default=list, blank=True, help_text=_("From the list of skills.")
    )
    max_per_week = models.PositiveSmallIntegerField(
        _("at most shifts a week"), default=2, validators=[MaxValueValidator(14)]
    )
    max_per_month = models.PositiveSmallIntegerField(
        _("at most shifts a month"), default=6, validators=[MaxValueValidator(60)]
    )
    home_village = models.CharField(_("home village"), max_length=100, blank=True)
    preferred_places = models.ManyToManyField(
        Place, verbose_name=_("preferred places"), blank=True, related_name="preferred_by"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(
        _("on the roster"), default=True, help_text=_("Untick when someone stops.")
    )
    feed_token = models.CharField(
        max_length=40, unique=True, default=new_feed_token, editable=False
    )

    class Meta:
        verbose_name = _("person on the roster")
        verbose_name_plural = _("people on the roster")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_volunteer(self) -> bool:
        return self.organisation_id is None

    def clean(self) -> None:
        super().clean()
        _check_skills(self.skills or [], "skills", counts=False)
        if self.max_per_week and self.max_per_month and self.max_per_week > self.max_per_month:
            raise ValidationError(
                {"max_per_month": _("A month cannot hold fewer shifts than a week.")}
            )


class Availability(models.Model):
    """A weekly window in which someone can work, for example Tuesday 9:00–13:00."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["person_id", "weekday", "start_time"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {
                    "end_time": _("The end time must be after the start time (%(start)s).")
                    % {"start": self.start_time.strftime("%H:%M")}
                }
            )


class Absence(models.Model):
    """Days someone cannot work (holiday, illness). The reason stays with the coordinator."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="absences"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["person_id", "start_date"]

    def __str__(self) -> str:
        return f"{self.person}: {self.start_date:%d-%m-%Y}–{self.end_date:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _("The absence ends before it starts: choose %(start)s or later.")
                    % {"start": self.start_date.strftime("%d-%m-%Y")}
                }
            )


class StaffingNeed(models.Model):
    """How many people an opening needs and which skills at least. For one opening rule of the
    place, or (without a rule) for every opening of the place that has no need of its own.
    Which organisations must be there follows from the place's presence rules."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="staffing_needs"
    )
    opening_rule = models.ForeignKey(
        OpeningRule,
        verbose_name=_("opening hours"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staffing_needs",
        help_text=_("Empty: every opening of the place."),
    )
    people = models.PositiveSmallIntegerField(
        _("people"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    skills = models.JSONField(
        _("skills at least"),
        default=dict,
        blank=True,
        help_text=_('For example {"hosting": 1, "first_aid": 1}.'),
    )

    class Meta:
        verbose_name = _("staffing need")
        verbose_name_plural = _("staffing needs")
        ordering = ["place_id", "opening_rule_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["place"],
                condition=Q(opening_rule__isnull=True),
                name="one_default_need_per_place",
            ),
            models.UniqueConstraint(
                fields=["opening_rule"],
                condition=Q(opening_rule__isnull=False),
                name="one_need_per_opening_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.people}"

    def clean(self) -> None:
        super().clean()
        _check_skills(self.skills or {}, "skills", counts=True)
        if self.people and sum((self.skills or {}).values()) > self.people * len(Skill.values):
            raise ValidationError({"skills": _("More skills are asked than people can bring.")})
        if self.opening_rule_id and self.place_id and self.opening_rule.place_id != self.place_id:
            raise ValidationError({"opening_rule": _("Choose opening hours of this place.")})


class Share(models.Model):
    """An organisation's agreed share of a network's staffing per quarter, in per cent of the
    person-shifts at `places` (every place of the network when none are chosen)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("network of"), on_delete=models.CASCADE, related_name="shares"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="shares",
    )
    percent = models.PositiveSmallIntegerField(
        _("share (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="shares",
        help_text=_("Empty: every place of the network."),
    )

    class Meta:
        verbose_name = _("agreed share")
        verbose_name_plural = _("agreed shares")
        ordering = ["municipality__name", "-percent"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organisation"], name="one_share_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.percent} %"


class RosterPolicy(models.Model):
    """A network's rules for its roster."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("network of"),
        on_delete=models.CASCADE,
        related_name="roster_policy",
    )
    approval = models.CharField(
        _("changes approved"), max_length=20, choices=Approval.choices, default=Approval.COORDINATOR
    )
    max_distance_km = models.PositiveSmallIntegerField(
        _("at most km between places on one day"), default=15
    )

    class Meta:
        verbose_name = _("roster rules")
        verbose_name_plural = _("roster rules")

    def __str__(self) -> str:
        return str(self.municipality)


class Roster(models.Model):
    """A network's roster for a period (usually a quarter): generated as a background task,
    checked as a draft, then published, after which the guide shows who is present."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("network of"), on_delete=models.PROTECT, related_name="rosters"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=20, choices=RosterStatus.choices, default=RosterStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    solver_status = models.CharField(_("solver result"), max_length=20, blank=True)
    score = models.JSONField(_("score"), default=dict, blank=True)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("roster")
        verbose_name_plural = _("rosters")
        ordering = ["municipality__name", "-start_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.start_date:%d-%m-%Y}–{self.end_date:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The roster ends before it starts.")})


class Shift(models.Model):
    """One opening of a place in a roster, with what it needs. `opening_key` is the calendar's
    key for the occurrence (schedules.calendar), so the guide finds who is present."""

    roster = models.ForeignKey(
        Roster, verbose_name=_("roster"), on_delete=models.CASCADE, related_name="shifts"
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="shifts"
    )
    opening_key = models.CharField(max_length=60)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    skills = models.JSONField(_("skills at least"), default=dict, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("promised present"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "place__name"]
        constraints = [
            models.UniqueConstraint(fields=["roster", "opening_key"], name="one_shift_per_opening")
        ]

    def __str__(self) -> str:
        return f"{self.place.name} {self.start:%d-%m-%Y %H:%M}"


class Assignment(models.Model):
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="assignments"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.CONFIRMED,
    )
    source = models.CharField(
        _("how"), max_length=20, choices=Source.choices, default=Source.SOLVER
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["shift__start", "person__name"]
        constraints = [models.UniqueConstraint(fields=["shift", "person"], name="once_per_shift")]

    def __str__(self) -> str:
        return f"{self.person} – {self.shift}"


class ShiftChange(models.Model):
    """A shift given away (open for others to take), a swap proposed to a colleague, or an open
    shift someone wants to take; approved by the coordinator or automatically (RosterPolicy)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.OPEN
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="changes"
    )
    from_person = models.ForeignKey(
        Person,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes_given",
        help_text=_("Who gives the shift away; empty when an open shift is taken."),
    )
    to_person = models.ForeignKey(
        Person,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes_taken",
    )
    swap_shift = models.ForeignKey(
        Shift,
        verbose_name=_("in exchange for"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("In a swap: the other person's shift."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("shift change")
        verbose_name_plural = _("shift changes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.shift}"

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from naober.places.constants import Weekday
from naober.places.models import Organisation, Place, Provenance, Theme

from . import recurrence


class Frequency(models.TextChoices):
    WEEKLY = recurrence.WEEKLY, _("Weekly")
    MONTHLY = recurrence.MONTHLY, _("Monthly")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


class RecurringRule(Provenance):
    """The days of a recurring rule (RFC 5545 semantics), shared by openings and presence."""

    frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekdays = models.JSONField(
        _("days of the week"), default=list, help_text=_("Monday is 0, Sunday is 6.")
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Only for a monthly rule: for example the first Monday, or the last Thursday."),
    )
    interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1 is every week or month, 2 every other one.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    def rule(self) -> recurrence.Rule:
        return recurrence.Rule(
            frequency=self.frequency,
            weekdays=tuple(self.weekdays),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            week_of_month=self.week_of_month,
            interval=self.interval,
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors.setdefault("valid_until", []).append(
                _("The rule ends before it starts: choose a date on or after %(start)s.")
                % {"start": self.valid_from.strftime("%d-%m-%Y")}
            )
        if not self.weekdays:
            errors.setdefault("weekdays", []).append(_("Choose at least one day of the week."))
        elif any(not isinstance(d, int) or d not in Weekday.values for d in self.weekdays):
            errors.setdefault("weekdays", []).append(
                _("Days of the week are numbered 0 (Monday) to 6 (Sunday).")
            )
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            errors.setdefault("week_of_month", []).append(
                _("A monthly rule needs the week: for example the first or the last.")
            )
        if self.frequency == Frequency.WEEKLY and self.week_of_month is not None:
            errors.setdefault("week_of_month", []).append(
                _("Leave this empty for a weekly rule, or choose monthly.")
            )
        if self.interval is not None and self.interval < 1:
            errors.setdefault("interval", []).append(_("Every 1 or more weeks or months."))
        if errors:
            raise ValidationError(errors)

    def describe(self) -> str:
        """The rule in words, for example "every Thursday" or "the last Thursday of the month"."""
        from .describe import describe_rule

        # The admin names a row while a coordinator is still fixing an impossible rule.
        draft = SimpleNamespace(
            frequency=self.frequency,
            weekdays=tuple(self.weekdays or ()),
            week_of_month=self.week_of_month,
            interval=self.interval if self.interval is not None else 1,
            valid_until=None,
        )
        if recurrence.problems(draft):
            return str(_("rule not complete yet"))
        return describe_rule(self)


def _check_hours(start, end, field: str = "end_time") -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError(
            {
                field: _("The end time must be after the start time (%(start)s).")
                % {"start": start.strftime("%H:%M")}
            }
        )


def _collect(*checks) -> None:
    """Run each check and raise all their errors together, so a form shows every problem at once."""
    errors: dict = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class OpeningRule(RecurringRule):
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="opening_rules"
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Shown to residents, for example: lunch."),
    )

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["place_id", "valid_from", "start_time"]

    def __str__(self) -> str:
        return f"{self.describe()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        _collect(super().clean, lambda: _check_hours(self.start_time, self.end_time))


class PresenceRule(RecurringRule):
    """Who or what is present at a place's openings: an organisation, a theme, or both."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="presence_rules"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="presence_rules",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presence_rules",
    )
    start_time = models.TimeField(
        _("from"), null=True, blank=True, help_text=_("Empty: the whole opening.")
    )
    end_time = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presence")
        ordering = ["place_id", "valid_from"]

    def __str__(self) -> str:
        who = self.organisation or self.theme
        return f"{who}: {self.describe()}"

    def clean(self) -> None:
        _collect(super().clean, self._check_who, self._check_presence_hours)

    def _check_who(self) -> None:
        if self.organisation_id is None and self.theme_id is None:
            raise ValidationError(
                {"organisation": _("Choose an organisation, a theme, or both: who is present?")}
            )

    def _check_presence_hours(self) -> None:
        if (self.start_time is None) != (self.end_time is None):
            missing = "end_time" if self.end_time is None else "start_time"
            raise ValidationError({missing: _("Give both a start and an end time, or neither.")})
        _check_hours(self.start_time, self.end_time)


class Closure(models.Model):
    """A day or a period on which a place is closed, with the reason residents see.

    One day is a one-off cancellation ("the host is ill"); several days a closure period
    ("summer break")."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="closures"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), help_text=_("The same day for a one-off cancellation."))
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("Shown to residents, for example: summer break.")
    )

    class Meta:
        verbose_name = _("closure or cancellation")
        verbose_name_plural = _("closures and cancellations")
        ordering = ["place_id", "start_date"]

    def __str__(self) -> str:
        return f"{self.start_date:%d-%m-%Y}–{self.end_date:%d-%m-%Y}: {self.reason}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _(
                        "The closure ends before it starts: choose a date on or after %(start)s."
                    )
                    % {"start": self.start_date.strftime("%d-%m-%Y")}
                }
            )


class ExtraOpening(models.Model):
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="extra_openings"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("Shown to residents.")
    )

    class Meta:
        verbose_name = _("extra opening")
        verbose_name_plural = _("extra openings")
        ordering = ["place_id", "date", "start_time"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        super().clean()
        _check_hours(self.start_time, self.end_time)

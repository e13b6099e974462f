"""The coordinator's forms: generating a roster (a quarter, or other dates), recording an absence,
and choosing which place and week of a roster to show.

The dates a form offers and accepts depend on today, which the view passes in, so the forms
stay plain to test."""

from datetime import date, timedelta

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from naober.desk.forms import DescribedForm

from .models import Person

# Quarters offered to generate: this one and the next ones.
QUARTERS_AHEAD = 4
# A longer period makes one solve too big to finish in its time limit.
MAX_DAYS = 366


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last day of the quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    if first_month == 10:
        following = date(day.year + 1, 1, 1)
    else:
        following = date(day.year, first_month + 3, 1)
    return start, following - timedelta(days=1)


def quarters(today: date, ahead: int = QUARTERS_AHEAD) -> list[tuple[str, date, date, str]]:
    """(value, start, end, label) for this quarter (from today) and the next `ahead` ones."""
    result = []
    start, end = quarter_of(today)
    for index in range(ahead + 1):
        number = (start.month - 1) // 3 + 1
        params = {"number": number, "year": start.year}
        if index == 0:
            label = _("Quarter %(number)s %(year)s: from today until %(end)s") % {
                **params,
                "end": _day(end),
            }
            result.append((f"{start.year}-{number}", max(start, today), end, label))
        else:
            label = _("Quarter %(number)s %(year)s: %(start)s until %(end)s") % {
                **params,
                "start": _day(start),
                "end": _day(end),
            }
            result.append((f"{start.year}-{number}", start, end, label))
        start, end = quarter_of(end + timedelta(days=1))
    return result


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # A date field in the browser reads and writes ISO dates, whatever the language.
        super().__init__(attrs, format="%Y-%m-%d")


class GenerateForm(DescribedForm):
    """Which period to generate a roster for: a quarter, or other dates; the seed is advanced."""

    OTHER = "other"

    period = forms.ChoiceField(
        label=_("Period"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a quarter, or “Other dates”."),
            "invalid_choice": _("Choose one of the quarters in the list, or “Other dates”."),
        },
    )
    start_date = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Give the first day as a date, for example 5-1-2027.")},
    )
    end_date = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput,
        help_text=_("The last day the roster covers."),
        error_messages={"invalid": _("Give the last day as a date, for example 31-3-2027.")},
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_(
            "With the same seed and the same people and openings, the same roster comes out "
            "again. Leave empty for a new seed; the roster page says which one was used."
        ),
        error_messages={
            "invalid": _("The seed is a whole number, 0 or more."),
            "min_value": _("The seed is a whole number, 0 or more."),
            "max_value": _("The seed is too large: choose a number below 2147483648."),
        },
    )

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        offered = quarters(today)
        self.quarters = {value: (start, end) for value, start, end, _label in offered}
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, _start, _end, label in offered]
        self.fields["period"].choices = [*choices, (self.OTHER, _("Other dates"))]
        # The next quarter is the one most often generated.
        self.fields["period"].initial = choices[1][0]

    def clean(self):
        data = super().clean()
        period = data.get("period")
        start, end = data.get("start_date"), data.get("end_date")
        if period is None:
            return data
        if period != self.OTHER:
            if start or end:
                self.add_error(
                    "period",
                    _("You filled in dates: choose “Other dates” to use them, or empty them."),
                )
                return data
            data["start"], data["end"] = self.quarters[period]
            return data
        if "start_date" not in self.errors and start is None:
            self.add_error("start_date", _("Give the first day of the roster."))
        if "end_date" not in self.errors and end is None:
            self.add_error("end_date", _("Give the last day of the roster."))
        if start is None or end is None:
            return data
        if start < self.today:
            self.add_error(
                "start_date",
                _("The roster cannot start in the past: choose %(today)s or later.")
                % {"today": _day(self.today)},
            )
        elif end < start:
            self.add_error(
                "end_date",
                _("The roster ends before it starts: choose %(start)s or later.")
                % {"start": _day(start)},
            )
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error(
                "end_date",
                _("A roster covers at most %(days)s days: choose %(last)s or earlier.")
                % {"days": MAX_DAYS, "last": _day(start + timedelta(days=MAX_DAYS - 1))},
            )
        else:
            data["start"], data["end"] = start, end
        return data


class AbsenceForm(DescribedForm):
    """Someone of the network cannot work from one day until another."""

    person = forms.ModelChoiceField(
        label=_("Who"),
        queryset=Person.objects.none(),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose who is away."),
            "invalid_choice": _("Choose a person on this network's roster from the list."),
        },
    )
    start_date = forms.DateField(
        label=_("From"),
        widget=DateInput,
        error_messages={
            "required": _("Give the first day they are away."),
            "invalid": _("Give the first day as a date, for example 30-11-2026."),
        },
    )
    end_date = forms.DateField(
        label=_("Until"),
        widget=DateInput,
        help_text=_("The last day they are away; the same day for one day."),
        error_messages={
            "required": _("Give the last day they are away."),
            "invalid": _("Give the last day as a date, for example 4-12-2026."),
        },
    )

    def __init__(self, *args, municipality, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["person"].queryset = Person.objects.filter(
            municipality=municipality, is_active=True
        ).select_related("organisation")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        past = _("%(date)s has passed: choose %(today)s or later.")
        if start and start < self.today:
            self.add_error("start_date", past % {"date": _day(start), "today": _day(self.today)})
        if end and end < self.today:
            self.add_error("end_date", past % {"date": _day(end), "today": _day(self.today)})
        elif start and end and end < start and "start_date" not in self.errors:
            self.add_error(
                "end_date",
                _("The absence ends before it starts: choose %(start)s or later.")
                % {"start": _day(start)},
            )
        return data


class RosterFilterForm(forms.Form):
    """Which place and which week of a roster to show (GET: changes nothing)."""

    ALL = "all"

    place = forms.ChoiceField(label=_("Place"), required=False)
    week = forms.ChoiceField(label=_("Week"), required=False)

    def __init__(self, *args, places, weeks: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("All places"))] + [
            (str(place.pk), place.name) for place in places
        ]
        self.fields["week"].choices = [(monday.isoformat(), week_label(monday)) for monday in weeks]
        self.fields["week"].choices.append((self.ALL, _("All weeks")))


def week_label(monday: date) -> str:
    return _("Week %(number)s: %(start)s until %(end)s") % {
        "number": monday.isocalendar().week,
        "start": date_format(monday, "j F"),
        "end": date_format(monday + timedelta(days=6), "j F Y"),
    }

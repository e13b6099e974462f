"""The guide's forms: the search on the home page and the period of the municipality overview."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from naober.places.constants import ThemeCode

# The overview reaches this far back and ahead; further is a typing error, not a plan.
OVERVIEW_YEARS_BACK = 1
OVERVIEW_YEARS_AHEAD = 2


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Postcode or village"),
        required=False,
        help_text=_("For example 9521, 9521 AB, Nieuw-Buinen or energietoeslag."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search"}),
    )
    theme = forms.ChoiceField(
        label=_("Theme of your question"),
        required=False,
        choices=[("", _("All themes"))] + list(ThemeCode.choices),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )

    def is_search(self) -> bool:
        return any(self.data.get(name, "").strip() for name in ("q", "theme"))


class PeriodForm(forms.Form):
    """Which month, and how many months, the overview shows. Both optional."""

    start = forms.CharField(
        label=_("First month"),
        required=False,
        widget=forms.Select(),
    )
    months = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=1,
        choices=[("1", _("One month")), ("3", _("Three months"))],
        error_messages={"invalid_choice": _("Choose one month or three months.")},
    )

    def __init__(self, data=None, *, today: date, **kwargs):
        if data is not None and not data.get("start"):
            data = data.copy()
            data["start"] = f"{today:%Y-%m}"
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["start"].initial = f"{today:%Y-%m}"
        self.fields["start"].widget.choices = [
            (f"{month:%Y-%m}", formats.date_format(month, "F Y"))
            for month in months_between(*self.allowed_range())
        ]

    def allowed_range(self) -> tuple[date, date]:
        today = self.today
        return (
            date(today.year - OVERVIEW_YEARS_BACK, today.month, 1),
            date(today.year + OVERVIEW_YEARS_AHEAD, today.month, 1),
        )

    def clean_start(self) -> date:
        text = self.cleaned_data["start"].strip()
        if not text:
            return self.today.replace(day=1)
        try:
            year, month = text.split("-")
            if len(year) != 4 or len(month) not in (1, 2):
                raise ValueError
            first = date(int(year), int(month), 1)
        except ValueError:
            raise forms.ValidationError(
                _("Type the month as year and month, for example 2026-03.")
            ) from None
        lowest, highest = self.allowed_range()
        if not lowest <= first <= highest:
            raise forms.ValidationError(
                _("Choose a month between %(lowest)s and %(highest)s.")
                % {"lowest": f"{lowest:%Y-%m}", "highest": f"{highest:%Y-%m}"}
            )
        return first


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from first to last, both included."""
    found = []
    month = first
    while month <= last:
        found.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found

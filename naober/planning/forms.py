"""The policy maker's forms: the settings the coverage figures are calculated with, and a new
siting scenario. (The residents' needs survey has its own forms in survey_forms.py.)

Both forms carry their help and error ids (desk.forms.DescribedForm), so an error is announced
with its field. The settings form is a GET form: a bad value gets a message on its field and
the default is used for it, so the page always shows figures."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from naober.desk.forms import DescribedForm

from .constants import Method
from .coverage import MONTHLY, WEEKLY

DETOUR_RANGE = (1.0, 3.0)
RADIUS_RANGE = (100, 10_000)
DEFAULT_RADIUS = 1500

# How often a place must be open to count: the choices the pages offer, as openings a week.
OPEN_AT_LEAST = {
    "weekly": WEEKLY,
    "monthly": MONTHLY,
    "weekdays": 5.0,
}
OPEN_CHOICES = [
    ("weekly", _("once a week")),
    ("monthly", _("once a month")),
    ("weekdays", _("every weekday")),
]
DEFAULT_OPEN = "weekly"


def open_label(openings_per_week: float) -> str:
    """The words for a threshold in openings a week: "once a week", or "3 times a week"."""
    for code, label in OPEN_CHOICES:
        if abs(OPEN_AT_LEAST[code] - openings_per_week) < 1e-9:
            return str(label)
    return ngettext("%(count)s time a week", "%(count)s times a week", round(openings_per_week)) % {
        "count": f"{openings_per_week:g}"
    }


def open_code(openings_per_week: float) -> str:
    for code, value in OPEN_AT_LEAST.items():
        if abs(value - openings_per_week) < 1e-9:
            return code
    return DEFAULT_OPEN


class DetourField(forms.FloatField):
    """A factor such as 1.3; a Dutch decimal comma (1,3) is read too."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def _detour_field(required: bool) -> DetourField:
    low, high = DETOUR_RANGE
    # Lazy: the field is made once, when the form class is; the message is read per request,
    # in the page's language.
    message = lazy(
        lambda: (
            _("The detour factor is a number from %(low)s to %(high)s, for example 1.3.")
            % {"low": f"{low:g}", "high": f"{high:g}"}
        ),
        str,
    )()
    return DetourField(
        label=_("Detour factor"),
        required=required,
        min_value=low,
        max_value=high,
        help_text=_(
            "How much longer the way by road is than a straight line. 1.3 is usual in the "
            "Drenthe countryside; 1 is as the crow flies."
        ),
        widget=forms.NumberInput(attrs={"step": "0.1", "min": low, "max": high}),
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _open_field(required: bool) -> forms.ChoiceField:
    message = _("Choose how often a place must be open from the list.")
    return forms.ChoiceField(
        label=_("A place counts when it is open at least"),
        required=required,
        choices=OPEN_CHOICES,
        error_messages={"required": message, "invalid_choice": message},
    )


def defaults() -> tuple[float, float]:
    """The installation's detour factor and openings a week (NAOBER_PLANNING_* settings)."""
    return settings.NAOBER_PLANNING_DETOUR, settings.NAOBER_PLANNING_MIN_OPENINGS_PER_WEEK


def _initial(form) -> None:
    detour, openings = defaults()
    form.fields["detour"].initial = detour
    form.fields["open"].initial = open_code(openings)


class CoverageSettingsForm(DescribedForm):
    """The overview's settings (GET): the detour factor and how often a place must be open."""

    detour = _detour_field(required=False)
    open = _open_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _initial(self)

    def values(self) -> tuple[float, float]:
        """(detour, min_openings_per_week): the valid values given, the defaults for the rest."""
        detour, openings = defaults()
        data = {}
        if self.is_bound:
            # Validating keeps the valid fields in cleaned_data, also when another one is wrong.
            self.is_valid()
            data = self.cleaned_data
        if data.get("detour") is not None:
            detour = data["detour"]
        if data.get("open"):
            openings = OPEN_AT_LEAST[data["open"]]
        return detour, openings


class ScenarioForm(DescribedForm):
    """A siting question: which question, how many new places, within what distance."""

    name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=200,
        help_text=_("So you can find it again, e.g. “Roden south, 2 new places”."),
        error_messages={"max_length": _("Keep the name to at most 200 characters.")},
    )
    method = forms.ChoiceField(
        label=_("Question"),
        choices=Method.choices,
        initial=Method.MAXIMAL_COVERING,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a question."),
            "invalid_choice": _("Choose one of the questions in the list."),
        },
    )
    new_places = forms.IntegerField(
        label=_("New places (k)"),
        required=False,
        min_value=1,
        help_text=_("How many new places to choose. Not needed for “the fewest new places”."),
        error_messages={
            "invalid": _("Give the number of new places as a whole number, for example 2."),
            "min_value": _("Choose at least 1 new place."),
        },
    )
    radius_m = forms.IntegerField(
        label=_("Distance in metres"),
        min_value=RADIUS_RANGE[0],
        max_value=RADIUS_RANGE[1],
        help_text=_(
            "A resident is reached when a place is at most this far away by road. 1,500 m is "
            "about a 20-minute walk."
        ),
        error_messages={
            "required": _("Give the distance in metres, for example 1500."),
            "invalid": _("Give the distance in whole metres, for example 1500."),
            "min_value": _("The distance must be at least %(limit_value)s m."),
            "max_value": _("The distance can be at most %(limit_value)s m."),
        },
    )
    detour = _detour_field(required=True)
    open = _open_field(required=True)

    def __init__(self, *args, candidates: int, **kwargs):
        # candidates: how many buildings are still a candidate in this network.
        self.candidates = candidates
        super().__init__(*args, **kwargs)
        _initial(self)
        self.fields["radius_m"].initial = DEFAULT_RADIUS

    def clean(self):
        data = super().clean()
        method = data.get("method")
        k = data.get("new_places")
        if self.candidates == 0:
            raise forms.ValidationError(
                _(
                    "This network has no candidate buildings yet: add them in the admin or "
                    "import them first."
                )
            )
        if method in (Method.MAXIMAL_COVERING, Method.P_MEDIAN):
            if k is None and "new_places" not in self.errors:
                self.add_error("new_places", _("Give how many new places to choose, e.g. 2."))
            elif k is not None and k > self.candidates:
                self.add_error(
                    "new_places",
                    ngettext(
                        "This network has %(count)s candidate building: choose at most "
                        "%(count)s new place.",
                        "This network has %(count)s candidate buildings: choose at most "
                        "%(count)s new places.",
                        self.candidates,
                    )
                    % {"count": self.candidates},
                )
        elif method == Method.SET_COVERING:
            # The question itself says how many: k plays no part.
            data["new_places"] = None
        if data.get("open"):
            data["min_openings_per_week"] = OPEN_AT_LEAST[data["open"]]
        return data

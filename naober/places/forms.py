"""Forms for editing buildings and places in the admin."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from naober.schedules.holidays import default_closed_holidays, holiday_choices

from .models import Place, coordinate_errors, postcode_validator


class BuildingForm(forms.ModelForm):
    class Meta:
        error_messages = {
            # Too long is still a malformed postcode: say what a good one looks like.
            "postcode": {"max_length": postcode_validator.message},
            "latitude": {
                "required": _(
                    "Give the latitude, so residents can find the building on the map and by "
                    "distance."
                )
            },
            "longitude": {
                "required": _(
                    "Give the longitude, so residents can find the building on the map and by "
                    "distance."
                )
            },
        }

    def clean(self):
        cleaned_data = super().clean()
        # Checked here, before the model's own range check, so a coordinator reads one message
        # that says what is wrong (often: latitude and longitude swapped) instead of two.
        problems = coordinate_errors(cleaned_data.get("latitude"), cleaned_data.get("longitude"))
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned_data


class PlaceForm(forms.ModelForm):
    closed_on_holidays = forms.MultipleChoiceField(
        required=False,
        # A new place closes on every holiday until a coordinator unticks one.
        initial=default_closed_holidays,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a holiday on which this place is open."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The holidays' own names in the page's language: Koningsdag, Tweede pinksterdag.
        field = self.fields["closed_on_holidays"]
        field.choices = holiday_choices(get_language() or "nl")
        field.label = capfirst(Place._meta.get_field("closed_on_holidays").verbose_name)

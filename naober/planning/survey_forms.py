"""The needs survey's form: a few questions in plain words, checked without JavaScript.

When and how residents would come are the two answers the planning needs, so they are required;
themes, activities and the free text are optional, so someone without a particular wish can still
say that they will need a place and how they would get there.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from naober.places.constants import ThemeCode

from .constants import Horizon, Transport, WantedActivity

WISH_MAX_LENGTH = 500


class TextField(forms.CharField):
    """Text from a textarea with its line breaks counted once, as the browser counts them for
    maxlength: browsers send a line break as two characters (CR LF)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class SurveyForm(forms.Form):
    themes = forms.MultipleChoiceField(
        label=_("What would you like to talk about or get help with?"),
        help_text=_("Tick as many as you like, or none."),
        choices=ThemeCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only subjects from the list.")},
    )
    activities = forms.MultipleChoiceField(
        label=_("What would you like to do there?"),
        help_text=_("Tick as many as you like, or none."),
        choices=WantedActivity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only activities from the list.")},
    )
    horizon = forms.ChoiceField(
        label=_("When do you think you will need a meeting place near you?"),
        choices=Horizon.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose when you think you will need a meeting place."),
            "invalid_choice": _("Choose one of the answers in the list."),
        },
    )
    transport = forms.ChoiceField(
        label=_("How would you get there?"),
        choices=Transport.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you would get there."),
            "invalid_choice": _("Choose one of the answers in the list."),
        },
    )
    wish = TextField(
        label=_("Is there anything else you want to tell us?"),
        help_text=_(
            "You may leave this empty. At most 500 characters. Do not write your name or address."
        ),
        required=False,
        max_length=WISH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Write at most %(limit_value)d characters. You wrote %(show_value)d characters."
            )
        },
    )

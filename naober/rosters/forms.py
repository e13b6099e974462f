"""The forms of the roster pages: what a person chooses, checked before a rule function sees it."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from naober.desk.forms import DescribedForm

from .changes import SwapOption


def _option_label(option: SwapOption) -> str:
    shift = option.shift
    start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
    return _("%(name)s: %(day)s, %(start)s–%(end)s, %(place)s") % {
        "name": option.colleague.name,
        "day": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "G:i"),
        "end": formats.time_format(end, "G:i"),
        "place": shift.place.name,
    }


class SwapForm(DescribedForm):
    """Choose the colleague's shift to take in exchange for one's own. Only shifts that fit
    both people are offered (changes.swap_options)."""

    their_shift = forms.ChoiceField(
        label=_("Which shift would you take in exchange?"),
        help_text=_(
            "Only shifts that fit you both are listed: skills, days you can work, days off "
            "and the most shifts a week."
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the shift you would take."),
            "invalid_choice": _("That shift can no longer be swapped: choose one in the list."),
        },
    )

    def __init__(self, *args, options: list[SwapOption], **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {str(option.assignment.pk): option for option in options}
        self.fields["their_shift"].choices = [
            (key, _option_label(option)) for key, option in self.options.items()
        ]

    def chosen(self) -> SwapOption:
        return self.options[self.cleaned_data["their_shift"]]

"""Forms for editing opening and presence rules in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from naober.places.constants import Weekday


class WeekdaysField(forms.TypedMultipleChoiceField):
    """The days of a rule as seven checkboxes, Monday to Sunday, stored as a list of 0..6."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Weekday.choices)
        kwargs.setdefault("coerce", int)
        # No ticks at all is caught by the model, with a message that says what to do.
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # A list stored by hand may hold the days as text; the checkboxes compare as text anyway.
        return [str(day) for day in value] if isinstance(value, list | tuple) else value


class OneMessagePerFieldMixin:
    """A field the form already refused keeps only its own message: the model's checks never saw
    the typed value (a fifth week, say) and would add a second, confusing one."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            fresh = {
                field: messages
                for field, messages in errors.error_dict.items()
                if field not in self._errors
            }
            if not fresh:
                return
            errors = ValidationError(fresh)
        super()._update_errors(errors)


class RecurringRuleForm(OneMessagePerFieldMixin, forms.ModelForm):
    """Base form for OpeningRule and PresenceRule; the admin adds the model and fields."""

    weekdays = WeekdaysField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weekdays"].label = capfirst(
            self._meta.model._meta.get_field("weekdays").verbose_name
        )

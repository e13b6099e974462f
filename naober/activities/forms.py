"""The sign-up form, on the public page and at the host's desk. The form checks what a field can
check alone; the rules (signup.check_person, sign_up) decide the rest and their SignUpError lands
on the field it names, with what the resident typed kept."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from .contact import clean_email, clean_phone
from .signup import Person, SignUpError


class SignUpForm(forms.Form):
    ONE = "one"
    SERIES = "series"
    # A resident signing themselves up leaves a way to reach them; a host at the desk need not.
    contact_required = True

    name = forms.CharField(label=_("Your name"), max_length=100)
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        help_text=_("For a text message the day before. For example 06 12345678."),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_("For a confirmation with the date for your calendar."),
    )
    people = forms.IntegerField(
        label=_("How many people, including you?"),
        min_value=1,
        initial=1,
    )
    note = forms.CharField(
        label=_("Anything we should know?"),
        required=False,
        max_length=200,
        help_text=_("For example: I eat no meat, or I come with a walker."),
    )
    which = forms.ChoiceField(
        label=_("Which sessions?"),
        choices=[(ONE, _("Only this one")), (SERIES, _("This one and every one after it"))],
        initial=ONE,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, series_possible: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        most = settings.NAOBER_SIGNUP_MAX_PEOPLE
        self.fields["people"].widget.attrs["max"] = most
        self.fields["people"].validators.append(
            MaxValueValidator(
                most,
                message=_("Sign up for 1 to %(most)s people. For a bigger group, call the place.")
                % {"most": most},
            )
        )
        for name, autocomplete in (("name", "name"), ("phone", "tel"), ("email", "email")):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["phone"].widget.input_type = "tel"
        self.fields["email"].widget.input_type = "email"
        if not series_possible:
            del self.fields["which"]

    # Phone and e-mail are checked here as well as in the rules, so the page shows every
    # problem at once instead of one after the other.
    def clean_phone(self) -> str:
        try:
            return clean_phone(self.cleaned_data["phone"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None

    def clean_email(self) -> str:
        try:
            return clean_email(self.cleaned_data["email"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None

    def clean(self) -> dict:
        data = super().clean()
        reachable = data.get("phone") or data.get("email")
        if self.contact_required and not reachable and not {"phone", "email"} & set(self.errors):
            self.add_error(
                "phone",
                _("Write a phone number or an e-mail address, so we can reach you if it changes."),
            )
        return data

    @property
    def wants_series(self) -> bool:
        return self.cleaned_data.get("which") == self.SERIES

    def person(self, language: str) -> Person:
        data = self.cleaned_data
        return Person(
            name=data["name"],
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            people=data["people"],
            note=data.get("note", ""),
            language=language,
        )

    def add_rule_error(self, error: SignUpError) -> None:
        """Show a rule's refusal on its field (or above the form), keeping what was typed."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)

"""The desk's forms: what a host or partner types, checked before a rule function sees it.

Each field carries its own help and error ids (aria-describedby), so the templates only place
the widget; an error on a field is announced with the field."""

import uuid

from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from naober.places.constants import ThemeCode
from naober.places.models import Organisation, Place, Theme

from .constants import ContactMethod, LegalBasis, Outcome, Status, Urgency
from .contact import normalise_phone
from .referrals import Contact, referral_targets

LEGAL_BASIS_HELP = {
    LegalBasis.CONSENT: _(
        "The resident said yes to sharing this question with this partner. Most questions."
    ),
    LegalBasis.PUBLIC_TASK: _(
        "The municipality must help here by law, for example WMO or debt help. Still tell "
        "the resident what you pass on."
    ),
}


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class DescribedForm(forms.Form):
    """Ties each widget to its help text and, after validation, to its error message."""

    # A field's help and error paragraphs get these ids (see desk/_referral_field.html).
    @staticmethod
    def help_id(bound_field) -> str:
        return f"{bound_field.auto_id}_help"

    @staticmethod
    def error_id(bound_field) -> str:
        return f"{bound_field.auto_id}_error"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self._describe(name)

    def full_clean(self):
        super().full_clean()
        for name in self.fields:
            self._describe(name)

    def add_error(self, field, error):
        super().add_error(field, error)
        # Errors a rule function reports after validation are tied to their field too.
        for name in self.fields:
            self._describe(name)

    def _describe(self, name: str) -> None:
        bound = self[name]
        widget = self.fields[name].widget
        if widget.is_hidden:
            return
        # _errors, not errors: reading errors would validate the form before it is ready.
        has_error = self._errors is not None and name in self._errors
        ids = [self.help_id(bound)] if self.fields[name].help_text else []
        if has_error:
            ids.append(self.error_id(bound))
            widget.attrs["aria-invalid"] = "true"
        else:
            widget.attrs.pop("aria-invalid", None)
        if ids:
            widget.attrs["aria-describedby"] = " ".join(ids)
        else:
            widget.attrs.pop("aria-describedby", None)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(label, message, id of the element to jump to) for every error, in field order;
        errors that belong to no field come first, without a link."""
        summary = [("", str(message), "") for message in self.non_field_errors()]
        for name, field in self.fields.items():
            if name in self.errors:
                for message in self.errors[name]:
                    summary.append((str(field.label or ""), str(message), self._target(name)))
        return summary

    def _target(self, name: str) -> str:
        """The id a link in the error summary jumps to: the first radio of a group, nothing for a
        hidden field."""
        bound, widget = self[name], self.fields[name].widget
        if widget.is_hidden:
            return ""
        if isinstance(widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.id_for_label


class ReferForm(DescribedForm):
    """A resident's question, to be referred to one partner organisation."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the theme of the question."),
            "invalid_choice": _("Choose one of the themes in the list."),
        },
    )
    description = forms.CharField(
        label=_("The question, in short"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only what the partner needs. No medical details that are not needed."),
        error_messages={"required": _("Write down the question in a few words.")},
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how urgent it is.")},
    )
    contact_method = forms.ChoiceField(
        label=_("How does the resident want to be contacted?"),
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the resident wants to be contacted.")},
    )
    name = forms.CharField(
        label=_("Resident's name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Write down the resident's name.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Write the e-mail address as name@example.nl.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("Needed for a home visit."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("When and how"),
        max_length=200,
        required=False,
        help_text=_("For example: mornings only; ring twice."),
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose the partner organisation."),
            "invalid_choice": _(
                "That organisation does not receive referrals from this place. Choose a "
                "partner from the list."
            ),
        },
    )
    resident_agreed = forms.BooleanField(
        label=_("The resident agrees that I pass this question on to this partner"),
        error_messages={
            "required": _("Ask the resident first: a question is only passed on when they agree.")
        },
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for sharing"),
        choices=LegalBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the legal basis for sharing.")},
    )

    def __init__(self, *args, place: Place, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.place = place
        if self.is_bound and not _is_uuid(self.data.get("key")):
            # A form without its key (a tampered or very old page) gets a fresh one: there is
            # nothing the person could fix about it.
            self.data = self.data.copy()
            self.data["key"] = str(uuid.uuid4())
        # The themes in the order of the list (housing, care, welfare, money, ...).
        self.fields["theme"].queryset = Theme.objects.order_by(
            Case(*[When(code=code, then=Value(i)) for i, code in enumerate(ThemeCode.values)])
        )
        targets = referral_targets(place)
        field = self.fields["to_organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in targets])
        # The place's own partners first, the rest of the network after them.
        own = set(place.organisations.values_list("pk", flat=True))
        groups = [
            (_("Partners of this place"), [(o.pk, o.name) for o in targets if o.pk in own]),
            (_("Other partners"), [(o.pk, o.name) for o in targets if o.pk not in own]),
        ]
        field.widget.choices = [("", _("Choose a partner"))] + [g for g in groups if g[1]]

    def legal_basis_choices(self):
        """The radios of the legal basis, each with its explanation."""
        return [
            (radio, LEGAL_BASIS_HELP.get(radio.data["value"], "")) for radio in self["legal_basis"]
        ]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and (
            len(normalise_phone(phone)) < 6 or not all(c in "0123456789 +-()." for c in phone)
        ):
            raise forms.ValidationError(
                _("Write the phone number in digits, for example 06 12345678.")
            )
        return phone

    def clean(self):
        data = super().clean()
        method = data.get("contact_method")
        phone, email = data.get("phone"), data.get("email")
        # A field that already has an error (a typo in the number) keeps that one message.
        if method == ContactMethod.PHONE and not phone and "phone" not in self._errors:
            self.add_error("phone", _("The resident wants a call: write down the phone number."))
        elif method == ContactMethod.EMAIL and not email and "email" not in self._errors:
            self.add_error("email", _("The resident wants an e-mail: write down the address."))
        elif (
            method == ContactMethod.HOME_VISIT
            and not phone
            and not email
            and not {"phone", "email"} & set(self._errors)
        ):
            self.add_error("phone", _("Write down a phone number or an e-mail address, or both."))
        if method == ContactMethod.HOME_VISIT and not data.get("address"):
            self.add_error("address", _("For a home visit, write down the address."))
        return data

    def contact(self) -> Contact:
        data = self.cleaned_data
        return Contact(
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            note=data["note"],
        )


class StatusFilterForm(DescribedForm):
    """?status= on the list of referrals; an unknown status is an error on the field."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))] + Status.choices,
        required=False,
        error_messages={"invalid_choice": _("There is no such status; showing all referrals.")},
    )


class StatusChangeForm(DescribedForm):
    """One step of a referral's follow-up: the next status, and the outcome when closing."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=Status.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the new status."),
            "invalid_choice": _("“%(value)s” is not a status."),
        },
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the outcomes in the list.")},
    )

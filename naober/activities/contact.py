"""A resident's phone number and e-mail address as typed, checked and in one comparable form.

phonenumbers (Google's libphonenumber) knows which numbers can exist: 06 12345678, +31 6 1234
5678 and 0031612345678 are one number (+31612345678); 06 1234 is none. Numbers without a country
code are Dutch."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _


def clean_phone(value: str) -> str:
    """The number in international form (+31612345678), "" for an empty value; ValidationError
    with a message a resident understands when no such number can exist."""
    value = (value or "").strip()
    if not value:
        return ""
    message = _("This is not a phone number we can reach. Write it like 06 12345678.")
    if len(value) > 30 or any(c not in "0123456789 +-().\u00a0/" for c in value):
        raise ValidationError(message, code="phone")
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_email(value: str) -> str:
    """The address in lower case, "" for an empty value; ValidationError when it cannot be one."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("This is not an e-mail address. Write it like name@example.nl."), code="email"
        ) from None
    return value


def readable_phone(value: str) -> str:
    """+31612345678 as a Dutch reader writes it: 06 12345678."""
    if not value:
        return ""
    number = phonenumbers.parse(value, "NL")
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

"""Contact details in one comparable form, so the same resident is found however the phone
number or e-mail address was typed."""

import re


def normalise_phone(value: str) -> str:
    """Digits only, Dutch style: +31 6 1234 5678, 0031612345678 and 06-12345678 are one number."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and (value or "").strip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def normalise(value: str) -> tuple[str, str]:
    """A contact detail as typed by a coordinator: (kind, normalised), kind "email" or "phone";
    ("", "") when it is neither."""
    value = (value or "").strip()
    if "@" in value:
        return "email", normalise_email(value)
    phone = normalise_phone(value)
    if len(phone) >= 6:
        return "phone", phone
    return "", ""

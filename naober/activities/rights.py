"""A resident's sign-ups, for their rights to see and to erase their data (desk/rights.py).

The coordinator types the phone number or e-mail address the resident gave; sign-ups hold the
number in international form (+31612345678), so the typed number is cleaned the same way first:

    find(contact, municipalities)   the sign-ups at activities of places in these municipalities
    export(signup)                  one sign-up as data for the JSON file
    erase(signup, by, ...)          its name, phone number, e-mail address and note blanked

The audit lines are written as desk/rights.py writes them: the subject is the pseudonym of the
contact detail, never the detail itself.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent

from . import signup as rules
from .constants import ACTIVE
from .contact import clean_email, clean_phone
from .models import SignUp
from .retention import PERSONAL_FIELDS, erase_signup_personal_data, retention_period


def matching(contact: str) -> Q | None:
    """The sign-ups with this phone number or e-mail address, however it was typed; None when it
    is neither."""
    value = (contact or "").strip()
    if "@" in value:
        try:
            return Q(email=clean_email(value))
        except ValidationError:
            # Not an address a resident could have signed up with, but it may still be one.
            return Q(email__iexact=value)
    try:
        return Q(phone=clean_phone(value)) if value else None
    except ValidationError:
        pass
    # A number phonenumbers does not know (an old one, a typing slip): the closest international
    # form, which finds nothing rather than the wrong resident.
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    if digits.startswith("00"):
        return Q(phone="+" + digits[2:])
    if value.startswith("+"):
        return Q(phone="+" + digits)
    return Q(phone="+31" + digits.lstrip("0"))


def find(contact: str, municipalities) -> list[SignUp]:
    """The sign-ups with this phone number or e-mail address, for activities at places in these
    municipalities (the coordinator's network), by session, oldest first."""
    match = matching(contact)
    if match is None:
        return []
    return list(
        SignUp.objects.filter(session__activity__place__municipality__in=municipalities)
        .filter(match)
        .select_related("session__activity__place__municipality")
        .order_by("session__start", "pk")
    )


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def export(signup: SignUp, *, subject: str, by=None, request=None) -> dict:
    """Everything naober holds about one sign-up; the export itself goes into the trail."""
    record(AuditAction.EXPORT, request=request, actor=by, obj=signup, subject=subject)
    session = signup.session
    activity = session.activity
    return {
        "number": signup.pk,
        "activity": activity.title,
        "place": str(activity.place),
        "municipality": activity.place.municipality.name,
        "session_start": _moment(session.start),
        "session_end": _moment(session.end),
        "session_cancelled_because": session.cancel_reason,
        "name": signup.name,
        "phone": signup.phone,
        "email": signup.email,
        "people": signup.people,
        "note": signup.note,
        "language": signup.language,
        "status": signup.get_status_display(),
        "attended": signup.attended,
        "signed_up_at": _moment(signup.created_at),
        "signed_up_through": signup.get_channel_display(),
        "confirmed_at": _moment(signup.confirmed_at),
        "cancelled_at": _moment(signup.cancelled_at),
        "reminded_at": _moment(signup.reminded_at),
        "personal_data_deleted_after": _moment(session.end + retention_period()),
        "personal_data_erased_at": _moment(signup.personal_data_erased_at),
        "audit_trail": [
            {
                "at": _moment(line.at),
                "action": line.get_action_display(),
                "organisation": line.organisation,
                "person": line.actor,
                "channel": line.get_channel_display(),
                "result": line.get_result_display(),
            }
            for line in AuditEvent.objects.filter(
                object_type=SignUp._meta.label_lower, object_id=str(signup.pk)
            ).order_by("at", "id")
        ],
    }


def erase(signup: SignUp, *, by, request=None, subject: str = "") -> bool:
    """Blank the sign-up's name, phone number, e-mail address and note at the resident's request;
    False when they were already gone. A seat or place in line for a session still to come is
    cancelled first: nobody could tell whose it is any more, and the next in line gets it."""
    with transaction.atomic():
        current = SignUp.objects.select_related("session").get(pk=signup.pk)
        if current.personal_data_erased_at is not None:
            return False
        if current.status in ACTIVE and not current.session.has_started():
            try:
                # The rule locks the session first, as every change to its seats does.
                rules.cancel(current)
            except rules.SignUpError:
                # Started or cancelled in the meantime: nothing left to free.
                pass
        erased = erase_signup_personal_data(
            current, by=by, request=request, action=AuditAction.ERASURE, subject=subject
        )
    current.refresh_from_db()
    for name in (*PERSONAL_FIELDS, "status", "cancelled_at", "personal_data_erased_at"):
        setattr(signup, name, getattr(current, name))
    return erased

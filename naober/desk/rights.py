"""A resident's rights to see and to erase their data (AVG articles 15, 17 and 20).

The resident asks the coordinator of the network; the coordinator looks them up by the phone
number or e-mail address they gave when their question was referred or when they signed up for
an activity:

    find(contact, municipalities)   the referrals in the network with that phone number or e-mail,
                                    and beside them (`.signups`) the sign-ups for its activities
    export(found, contact=...)      everything naober holds about them, as data for a JSON file
    erase(found, by, ...)           their question and contact details deleted, and the name,
                                    phone number, e-mail address and note of their sign-ups

Each step writes an audit line whose subject is the pseudonym of the contact detail, so the
requests about one resident can be found later, without the detail itself in the trail.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.accounts.audit import pseudonym, record
from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.activities import rights as signup_rights

from .constants import Erasure
from .contact import normalise
from .models import ContactDetails, Referral
from .retention import erase_personal_data, retention_period


class Found(list):
    """The referrals found, as a list, with the resident's sign-ups beside them. True when either
    has something, so a resident who only signed up for the lunch can have their data too."""

    def __init__(self, referrals=(), signups=()):
        super().__init__(referrals)
        self.signups = list(signups)

    def __bool__(self) -> bool:
        return bool(len(self) or self.signups)


class Erased(int):
    """How many were erased in all (referrals and sign-ups), and each apart."""

    def __new__(cls, referrals: int, signups: int = 0):
        erased = super().__new__(cls, referrals + signups)
        erased.referrals = referrals
        erased.signups = signups
        return erased


class RightsError(Exception):
    """A request that cannot be answered; the message says why, for the coordinator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _normalised(contact: str) -> tuple[str, str]:
    kind, value = normalise(contact)
    if not kind:
        raise RightsError(
            _("Enter the resident's phone number (at least 6 digits) or e-mail address.")
        )
    return kind, value


def subject(contact: str) -> str:
    """The pseudonym this contact detail is known by in the audit trail."""
    return pseudonym(_normalised(contact)[1])


def find(contact: str, municipalities, *, by=None, request=None) -> Found:
    """The referrals whose contact details have this phone number or e-mail address, among
    those made at places in these municipalities (the coordinator's network), oldest first; and
    the sign-ups with it for activities at those places. Raises RightsError when the contact
    detail is neither."""
    kind, value = _normalised(contact)
    match = (
        Q(contact__email_normalised=value)
        if kind == "email"
        else Q(contact__phone_normalised=value)
    )
    referrals = list(
        Referral.objects.in_network(municipalities)
        .filter(match)
        .select_related("place__municipality", "from_organisation", "to_organisation", "theme")
        .order_by("created_at", "pk")
    )
    signups = signup_rights.find(contact, municipalities)
    detail = {"kind": kind, "found": len(referrals)}
    if signups:
        detail["signups"] = len(signups)
    record(
        AuditAction.RIGHTS_SEARCH,
        request=request,
        actor=by,
        subject=pseudonym(value),
        detail=detail,
    )
    return Found(referrals, signups)


def export(referrals: list[Referral], *, contact: str, by=None, request=None) -> dict:
    """Everything naober holds about these referrals: the question, the contact details, the
    status history and who viewed or changed them when; and about the sign-ups found with them
    (`Found.signups`). The export itself is in the trail."""
    about = subject(contact)
    signups = getattr(referrals, "signups", [])
    with transaction.atomic():
        for referral in referrals:
            record(AuditAction.EXPORT, request=request, actor=by, obj=referral, subject=about)
        if not referrals and not signups:
            record(AuditAction.EXPORT, request=request, actor=by, subject=about)
        return {
            "exported_at": _moment(timezone.now()),
            "retention_days": retention_period().days,
            "referrals": [_referral(referral) for referral in referrals],
            "signups": [
                signup_rights.export(signup, subject=about, by=by, request=request)
                for signup in signups
            ],
            "signup_retention_days": signup_rights.retention_period().days,
            "requests": [
                _audit_line(line)
                for line in AuditEvent.objects.filter(subject=about, object_id="").order_by(
                    "at", "id"
                )
            ],
        }


def erase(referrals: list[Referral], by, request=None, *, contact: str) -> Erased:
    """Delete the question and contact details of these referrals, and the personal data of the
    sign-ups found with them, at the resident's request; the number erased. What stays is what
    the figures need, as after the retention period."""
    about = subject(contact)
    with transaction.atomic():
        erased = Erased(
            sum(
                erase_personal_data(
                    referral, reason=Erasure.REQUEST, by=by, request=request, subject=about
                )
                for referral in referrals
            ),
            sum(
                signup_rights.erase(signup, by=by, request=request, subject=about)
                for signup in getattr(referrals, "signups", [])
            ),
        )
        if not erased:
            record(
                AuditAction.ERASURE,
                request=request,
                actor=by,
                subject=about,
                detail={"erased": 0},
            )
    return erased


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _referral(referral: Referral) -> dict:
    contact = ContactDetails.objects.filter(referral=referral).first()
    due = referral.finished_at + retention_period() if referral.finished_at else None
    return {
        "number": referral.pk,
        "place": str(referral.place),
        "municipality": referral.place.municipality.name,
        "referred_by": referral.from_organisation.name,
        "referred_to": referral.to_organisation.name,
        "recorded_at": _moment(referral.created_at),
        "theme": str(referral.theme),
        "question": referral.description,
        "urgency": referral.get_urgency_display(),
        "contact_method": referral.get_contact_method_display(),
        "resident_agreed": referral.resident_agreed,
        "legal_basis": referral.get_legal_basis_display(),
        "status": referral.get_status_display(),
        "status_changed_at": _moment(referral.status_changed_at),
        "outcome": referral.get_outcome_display() if referral.outcome else "",
        "finished_at": _moment(referral.finished_at),
        "personal_data_deleted_after": _moment(due),
        "personal_data_erased_at": _moment(referral.personal_data_erased_at),
        "status_history": [
            {
                "at": _moment(change.at),
                "from": change.get_from_status_display(),
                "to": change.get_to_status_display(),
                "outcome": change.get_outcome_display() if change.outcome else "",
                "organisation": change.by_organisation.name if change.by_organisation else "",
            }
            for change in referral.status_changes.select_related("by_organisation")
        ],
        "contact_details": {
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
            "address": contact.address,
            "when_and_how": contact.note,
        }
        if contact is not None
        else None,
        "audit_trail": [
            _audit_line(line)
            for line in AuditEvent.objects.filter(
                object_type=Referral._meta.label_lower, object_id=str(referral.pk)
            ).order_by("at", "id")
        ],
    }


def _audit_line(line: AuditEvent) -> dict:
    return {
        "at": _moment(line.at),
        "action": line.get_action_display(),
        "organisation": line.organisation,
        "person": line.actor,
        "channel": line.get_channel_display(),
        "result": line.get_result_display(),
    }

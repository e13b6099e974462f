"""Referring a resident's question to a partner, and following it up.

    refer(...)            the host or a partner records the question once and hands it over
    change_status(...)    the receiving organisation accepts, contacts, closes (or declines)

Both are atomic and write the audit trail. Allowed status changes are the table in
constants.ALLOWED_TRANSITIONS; nothing else changes a referral's status.
"""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction, AuditResult
from naober.places.models import Organisation, Place, Theme

from .constants import ALLOWED_TRANSITIONS, FINISHED, LegalBasis, Outcome, Status
from .models import ContactDetails, Referral, StatusChange


class ReferralError(Exception):
    """A referral or status change that is refused; the message says why, for the person."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    note: str = ""


def referral_targets(place: Place) -> "list[Organisation]":
    """The partner organisations a question at this place can go to: every organisation with a
    partner professional in naober, the place's own partners first."""
    from naober.accounts.constants import Role
    from naober.accounts.models import Membership

    with_partners = Organisation.objects.filter(
        pk__in=Membership.objects.filter(role=Role.PARTNER, user__is_active=True).values(
            "organisation"
        )
    ).order_by("name")
    own = set(place.organisations.values_list("pk", flat=True))
    return sorted(with_partners, key=lambda org: (org.pk not in own, org.name))


def refer(
    *,
    place: Place,
    to_organisation: Organisation,
    theme: Theme,
    description: str,
    urgency: str,
    contact_method: str,
    contact: Contact,
    resident_agreed: bool,
    legal_basis: str,
    by,
    key: uuid.UUID | None = None,
    request=None,
) -> tuple[Referral, bool]:
    """Record a question and refer it; (referral, created). The same form key sent twice gives
    the first referral back instead of a second one."""
    if not resident_agreed:
        raise ReferralError(
            _("Ask the resident first: a question is only passed on when they agree."),
            "resident_agreed",
        )
    if legal_basis not in LegalBasis.values:
        raise ReferralError(_("Choose the legal basis for sharing."), "legal_basis")
    if to_organisation.pk not in {org.pk for org in referral_targets(place)}:
        raise ReferralError(
            _("%(organisation)s does not receive referrals in naober. Choose another partner.")
            % {"organisation": to_organisation.name},
            "to_organisation",
        )
    from_organisation = _referring_organisation(by, place)
    if from_organisation is None:
        raise ReferralError(_("You cannot refer questions from this place."))
    if key is not None:
        existing = Referral.objects.filter(key=key).first()
        if existing is not None and existing.created_by_id == getattr(by, "pk", None):
            return existing, False
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                place=place,
                from_organisation=from_organisation,
                to_organisation=to_organisation,
                created_by=by,
                key=key or uuid.uuid4(),
                theme=theme,
                description=description.strip(),
                urgency=urgency,
                contact_method=contact_method,
                resident_agreed=True,
                legal_basis=legal_basis,
            )
            ContactDetails.objects.create(
                referral=referral,
                name=contact.name.strip(),
                phone=contact.phone.strip(),
                email=contact.email.strip(),
                address=contact.address.strip(),
                note=contact.note.strip(),
            )
            record(
                AuditAction.REFERRAL_CREATED,
                request=request,
                actor=by,
                obj=referral,
                detail={
                    "to_organisation": to_organisation.pk,
                    "legal_basis": legal_basis,
                    "theme": theme.code,
                },
            )
    except IntegrityError:
        # The same key at the same moment from a second request: the first one won.
        existing = Referral.objects.filter(key=key, created_by=by).first()
        if existing is None:
            raise ReferralError(_("This form was already sent. Open a new one.")) from None
        return existing, False
    return referral, True


def _referring_organisation(user, place: Place) -> Organisation | None:
    """Who refers: the host's organisation for one of their places, else the organisation of a
    partner professional that runs this place; None for anyone else."""
    from naober.accounts.constants import Role
    from naober.accounts.models import Membership

    memberships = Membership.objects.of(user).select_related("organisation")
    host = memberships.filter(role=Role.HOST, places=place).first()
    if host is not None:
        return host.organisation
    partner = memberships.filter(role=Role.PARTNER, organisation__places=place).first()
    return partner.organisation if partner is not None else None


def allowed_next(referral: Referral) -> list[str]:
    return [status for status in Status.values if status in ALLOWED_TRANSITIONS[referral.status]]


def change_status(referral: Referral, to: str, *, by, outcome: str = "", request=None) -> Referral:
    """Move a referral to its next status. Only the receiving organisation's partner
    professionals may, and only along ALLOWED_TRANSITIONS; closing needs an outcome."""
    with transaction.atomic():
        # Lock the row: two people acting on one referral at once see each other's change.
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if not current.can_be_seen_by(by):
            record(
                AuditAction.REFERRAL_STATUS,
                request=request,
                actor=by,
                obj=current,
                result=AuditResult.REFUSED,
                detail={"to": to},
            )
            raise ReferralError(
                _("Only the organisation the question was referred to can do this.")
            )
        if to not in Status.values:
            raise ReferralError(_("“%(status)s” is not a status.") % {"status": to}, "status")
        if to not in ALLOWED_TRANSITIONS[current.status]:
            raise ReferralError(
                _("A referral that is “%(current)s” cannot become “%(new)s”.")
                % {"current": Status(current.status).label, "new": Status(to).label},
                "status",
            )
        if to == Status.CLOSED and outcome not in Outcome.values:
            raise ReferralError(_("Choose the outcome before closing."), "outcome")
        now = timezone.now()
        StatusChange.objects.create(
            referral=current,
            from_status=current.status,
            to_status=to,
            outcome=outcome if to == Status.CLOSED else "",
            at=now,
            by=by,
            by_organisation=current.to_organisation,
        )
        previous = current.status
        current.status = to
        current.status_changed_at = now
        if to == Status.CLOSED:
            current.outcome = outcome
        if to in FINISHED:
            current.finished_at = now
        current.save(update_fields=["status", "status_changed_at", "outcome", "finished_at"])
        record(
            AuditAction.REFERRAL_STATUS,
            request=request,
            actor=by,
            obj=current,
            detail={"from": previous, "to": to, **({"outcome": outcome} if outcome else {})},
        )
        if to in FINISHED:
            from .retention import schedule_erasure

            # robust: a queue that fails must not undo a saved status change; the daily sweep
            # (naober purge_personal_data) still erases it in time.
            transaction.on_commit(lambda: schedule_erasure(current), robust=True)
    return current


def show_personal_data(referral: Referral, *, user, request=None) -> ContactDetails | None:
    """The contact details for a person who may see them, with the view written to the audit
    trail; None when they were erased. Call it only after can_be_seen_by()."""
    if not referral.can_be_seen_by(user):
        raise ReferralError(_("Only the organisation the question was referred to can see this."))
    record(AuditAction.REFERRAL_VIEWED, request=request, actor=user, obj=referral)
    return ContactDetails.objects.filter(referral=referral).first()

"""The staff part of the JSON API: a partner's referrals, and counting visits at a desk.

Every operation needs a staff session with the second factor or an API token
(naober.accounts.api_auth). What a caller sees starts from the scopes in naober.accounts.access,
so a referral or place of another organisation is simply not found (404):

- a referral received by one of the caller's partner organisations: in full, and reading its
  question and contact details goes through referrals.show_personal_data (audited);
- a referral their organisation sent: its status only;
- visits: only at the places whose desk the caller keeps.

Thin on purpose: the rules are naober.desk.referrals and naober.desk.visits.
"""

import uuid
from datetime import date, datetime
from math import ceil
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from naober.accounts import access
from naober.accounts.api_auth import STAFF_AUTH
from naober.api.schemas import Error
from naober.places.api import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE_SIZE,
    check_text,
    page_url,
    parse_day,
)
from naober.places.constants import ThemeCode
from naober.places.models import Place, Theme
from naober.schedules.openings import today

from .constants import ContactMethod, LegalBasis, Outcome, Status, Urgency
from .models import Referral, StatusChange, Visit
from .referrals import ReferralError, allowed_next, change_status, show_personal_data
from .visits import count_visit

referrals_router = Router(tags=["referrals"], auth=STAFF_AUTH)
visits_router = Router(tags=["visits"], auth=STAFF_AUTH)

RECEIVED, SENT = "received", "sent"

StatusLiteral = Literal[tuple(Status.values)]  # type: ignore[valid-type]
OutcomeLiteral = Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
UrgencyLiteral = Literal[tuple(Urgency.values)]  # type: ignore[valid-type]
ContactMethodLiteral = Literal[tuple(ContactMethod.values)]  # type: ignore[valid-type]
LegalBasisLiteral = Literal[tuple(LegalBasis.values)]  # type: ignore[valid-type]
ThemeCodeLiteral = Literal[tuple(ThemeCode.values)]  # type: ignore[valid-type]


class ThemeOut(Schema):
    code: ThemeCodeLiteral
    label: str


class PlaceRef(Schema):
    slug: str
    name: str


class SentReferralOut(Schema):
    """A referral the caller's organisation sent: where it went and how far it got, nothing of
    the question itself."""

    id: int
    direction: Literal["sent"]
    status: StatusLiteral
    status_changed_at: datetime
    theme: ThemeOut
    created_at: datetime
    place: PlaceRef
    to_organisation: str


class ReceivedReferralOut(Schema):
    """A referral to one of the caller's partner organisations."""

    id: int
    direction: Literal["received"]
    status: StatusLiteral
    status_changed_at: datetime
    theme: ThemeOut
    urgency: UrgencyLiteral
    contact_method: ContactMethodLiteral
    created_at: datetime
    place: PlaceRef
    from_organisation: str
    to_organisation: str


ReferralSummary = Annotated[ReceivedReferralOut | SentReferralOut, Field(discriminator="direction")]


class ReferralPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ReferralSummary]


class ContactOut(Schema):
    name: str
    phone: str
    email: str
    address: str
    note: str


class StatusChangeOut(Schema):
    from_status: StatusLiteral
    to_status: StatusLiteral
    outcome: OutcomeLiteral | None
    at: datetime
    by_organisation: str | None


class SentStatusChangeOut(Schema):
    from_status: StatusLiteral
    to_status: StatusLiteral
    at: datetime


class ReceivedReferralDetail(ReceivedReferralOut):
    description: str | None = Field(
        description="The resident's question; null once the personal data has been erased."
    )
    contact: ContactOut | None = Field(
        description="How to reach the resident; null once the personal data has been erased."
    )
    legal_basis: LegalBasisLiteral
    resident_agreed: bool
    outcome: OutcomeLiteral | None
    personal_data_erased_at: datetime | None
    history: list[StatusChangeOut]
    allowed_next: list[StatusLiteral] = Field(description="The statuses it may move to now.")


class SentReferralDetail(SentReferralOut):
    history: list[SentStatusChangeOut]


ReferralDetail = Annotated[
    ReceivedReferralDetail | SentReferralDetail, Field(discriminator="direction")
]


class StatusIn(Schema):
    status: str = Field(description="The new status: " + ", ".join(Status.values) + ".")
    outcome: str | None = Field(
        None,
        description="Needed to close: " + ", ".join(Outcome.values) + ". Ignored otherwise.",
    )


class ReferralState(Schema):
    id: int
    status: StatusLiteral
    status_changed_at: datetime
    outcome: OutcomeLiteral | None
    allowed_next: list[StatusLiteral]


class VisitIn(Schema):
    place: str = Field(description="The place's slug.", examples=["buurtkamer-nieuw-buinen"])
    day: str | None = Field(
        None,
        description="The day of the visit (YYYY-MM-DD). Default: today. Not a day to come.",
        json_schema_extra={"format": "date"},
        examples=["2026-03-05"],
    )
    theme: str | None = Field(
        None, description="The question's theme, if any: " + ", ".join(ThemeCode.values) + "."
    )
    key: uuid.UUID = Field(
        description="A new UUID for each visit. Sending the same key again (a retry) counts "
        "the visit once and answers with it."
    )


class VisitOut(Schema):
    id: int
    place: PlaceRef
    day: date
    theme: ThemeOut | None
    key: uuid.UUID
    counted_at: datetime
    undone_at: datetime | None


def local(moment: datetime | None) -> datetime | None:
    return None if moment is None else timezone.localtime(moment)


def theme_data(theme: Theme | None) -> dict | None:
    return None if theme is None else {"code": theme.code, "label": theme.label}


def place_ref(place: Place) -> dict:
    return {"slug": place.slug, "name": place.name}


def sent_data(referral: Referral) -> dict:
    return {
        "id": referral.pk,
        "direction": SENT,
        "status": referral.status,
        "status_changed_at": local(referral.status_changed_at),
        "theme": theme_data(referral.theme),
        "created_at": local(referral.created_at),
        "place": place_ref(referral.place),
        "to_organisation": referral.to_organisation.name,
    }


def received_data(referral: Referral) -> dict:
    return {
        **sent_data(referral),
        "direction": RECEIVED,
        "urgency": referral.urgency,
        "contact_method": referral.contact_method,
        "from_organisation": referral.from_organisation.name,
    }


def one_of(name: str, value: str, allowed: list[str]) -> str:
    if value and value not in allowed:
        raise HttpError(
            400,
            _("%(name)s cannot be “%(value)s”. Choose one of: %(allowed)s.")
            % {"name": name, "value": value, "allowed": ", ".join(allowed)},
        )
    return value


def not_found(id: int) -> HttpError:
    return HttpError(404, _("You have no referral with id %(id)d.") % {"id": id})


def visible_referral(id: int, scope) -> Referral:
    if not 1 <= id <= MAX_ID:
        raise not_found(id)
    found = scope.select_related("theme", "place", "from_organisation", "to_organisation")
    try:
        return found.get(pk=id)
    except Referral.DoesNotExist:
        raise not_found(id) from None


def receiving_organisations(user) -> set[int]:
    return set(access.partner_organisations(user).values_list("pk", flat=True))


@referrals_router.get(
    "",
    response={200: ReferralPage, 400: Error, 401: Error, 403: Error, 404: Error},
    url_name="referrals",
    operation_id="listReferrals",
    summary="List my referrals",
)
def list_referrals(
    request: HttpRequest,
    status: str = Query(
        "", description="Only referrals with this status: " + ", ".join(Status.values) + "."
    ),
    direction: str = Query(
        "",
        description="received: referred to one of your organisations (with urgency and how to "
        "contact); sent: referred by one of your organisations (status only). Default: both.",
    ),
    page: int = Query(1, ge=1, description="The page number, from 1."),
    page_size: int = Query(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Referrals per page."
    ),
):
    """The referrals sent to your organisations and those your organisations sent, newest
    first. Neither shape holds the question or the resident's contact details: ask for one
    referral you received to read those."""
    one_of("status", status, Status.values)
    one_of("direction", direction, [RECEIVED, SENT])
    user = request.user
    receiving = receiving_organisations(user)
    # A referral one's own organisation both sent and received counts as received.
    referrals = {
        "": Referral.objects.visible_to(user),
        RECEIVED: Referral.objects.received_by(user),
        SENT: Referral.objects.sent_by(user).exclude(to_organisation__in=receiving),
    }[direction]
    if status:
        referrals = referrals.filter(status=status)
    count = referrals.count()
    pages = max(1, ceil(count / page_size))
    if page > pages:
        raise HttpError(
            404,
            _("There is no page %(page)d: the last page is %(last)d.")
            % {"page": page, "last": pages},
        )
    offset = (page - 1) * page_size
    found = referrals.select_related("theme", "place", "from_organisation", "to_organisation")
    return {
        "count": count,
        "next": page_url(request, page + 1) if page < pages else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [
            received_data(referral)
            if referral.to_organisation_id in receiving
            else sent_data(referral)
            for referral in found[offset : offset + page_size]
        ],
    }


@referrals_router.get(
    "/{id}",
    response={200: ReferralDetail, 400: Error, 401: Error, 403: Error, 404: Error},
    url_name="referral",
    operation_id="getReferral",
    summary="One referral",
)
def referral_detail(request: HttpRequest, id: int):
    """A referral to one of your organisations in full: the question, the resident's contact
    details (each view is written to the audit trail), the status history and the statuses it
    may move to. A referral your organisation sent: its status and history only."""
    user = request.user
    referral = visible_referral(id, Referral.objects.visible_to(user))
    changes = referral.status_changes.select_related("by_organisation")
    if not referral.can_be_seen_by(user):
        return {
            **sent_data(referral),
            "history": [
                {"from_status": c.from_status, "to_status": c.to_status, "at": local(c.at)}
                for c in changes
            ],
        }
    contact = show_personal_data(referral, user=user, request=request)
    erased = referral.personal_data_erased
    return {
        **received_data(referral),
        "description": None if erased else referral.description,
        "contact": None
        if erased or contact is None
        else {
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
            "address": contact.address,
            "note": contact.note,
        },
        "legal_basis": referral.legal_basis,
        "resident_agreed": referral.resident_agreed,
        "outcome": referral.outcome or None,
        "personal_data_erased_at": local(referral.personal_data_erased_at),
        "history": [history_data(change) for change in changes],
        "allowed_next": allowed_next(referral),
    }


def history_data(change: StatusChange) -> dict:
    return {
        "from_status": change.from_status,
        "to_status": change.to_status,
        "outcome": change.outcome or None,
        "at": local(change.at),
        "by_organisation": change.by_organisation.name if change.by_organisation else None,
    }


@referrals_router.post(
    "/{id}/status",
    response={200: ReferralState, 400: Error, 401: Error, 403: Error, 404: Error},
    url_name="referral_status",
    operation_id="changeReferralStatus",
    summary="Change a referral's status",
)
def referral_status(request: HttpRequest, id: int, body: StatusIn):
    """Accept, decline, mark contacted or close a referral to one of your organisations.
    Allowed: referred → accepted or declined; accepted → contacted or closed; contacted →
    closed. Closing needs an outcome."""
    referral = visible_referral(id, Referral.objects.received_by(request.user))
    try:
        referral = change_status(
            referral, body.status, by=request.user, outcome=body.outcome or "", request=request
        )
    except ReferralError as error:
        raise HttpError(400, error.message) from None
    return {
        "id": referral.pk,
        "status": referral.status,
        "status_changed_at": local(referral.status_changed_at),
        "outcome": referral.outcome or None,
        "allowed_next": allowed_next(referral),
    }


def visit_data(visit: Visit) -> dict:
    return {
        "id": visit.pk,
        "place": place_ref(visit.place),
        "day": visit.day,
        "theme": theme_data(visit.theme),
        "key": visit.key,
        "counted_at": local(visit.counted_at),
        "undone_at": local(visit.undone_at),
    }


@visits_router.post(
    "",
    response={
        200: VisitOut,
        201: VisitOut,
        400: Error,
        401: Error,
        403: Error,
        404: Error,
        409: Error,
    },
    url_name="visits",
    operation_id="countVisit",
    summary="Count a visit at a desk",
)
def post_visit(request: HttpRequest, body: VisitIn):
    """Count one resident's visit at a place whose desk you keep: 201 with the visit. The same
    key sent again counts nothing and answers 200 with the visit it counted the first time."""
    slug = check_text("place", body.place)
    place = access.desk_places(request.user).filter(slug=slug).first()
    if place is None:
        raise HttpError(404, _("You keep no desk at a place “%(place)s”.") % {"place": slug})
    day = parse_day("day", body.day) or today()
    if day > today():
        raise HttpError(
            400, _("day (%(day)s) has not come yet: count a visit on its day.") % {"day": day}
        )
    theme = None
    if body.theme:
        code = one_of("theme", check_text("theme", body.theme), ThemeCode.values)
        theme = Theme.objects.get(code=code)
    visit, created = count_visit(
        place, day, key=body.key, by=request.user, theme=theme, request=request
    )
    if visit.place_id != place.pk:
        raise HttpError(
            409,
            _("This key was used for a visit at another place. Send a new key for a new visit."),
        )
    visit.place = place
    return HttpStatus(201 if created else 200, visit_data(visit))

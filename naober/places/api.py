"""The places part of the JSON API: the list with its search, one place, and its openings.

Thin on purpose: the search is naober.places.search (the same as the guide's), the calendar is
naober.schedules.openings. Here the answers get their shape and bad input its message.
"""

import re
from datetime import date, datetime, timedelta
from math import ceil
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from naober.api.schemas import Error
from naober.schedules.openings import openings as place_openings
from naober.schedules.openings import today

from .constants import PlaceKind, ThemeCode
from .models import ACCESSIBILITY_FIELDS, FACILITY_FIELDS, Place
from .search import SearchError, search_places

router = Router(tags=["places"])

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
# Ids are 64-bit in the database; a larger number cannot be a place.
MAX_ID = 2**63 - 1
DEFAULT_DAYS = 14
MAX_DAYS = 366
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# No name or postcode holds markup or control characters (and PostgreSQL refuses NUL outright).
NOT_ALLOWED_RE = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ThemeCodeLiteral = Literal[tuple(ThemeCode.values)]  # type: ignore[valid-type]
PlaceKindLiteral = Literal[tuple(PlaceKind.values)]  # type: ignore[valid-type]

# What the list and the detail need, in a fixed number of queries whatever the page size.
PLACE_PREFETCH = ("themes", "organisations__themes", "presence_rules__theme")


class Address(Schema):
    street: str
    postcode: str
    town: str


class Accessibility(Schema):
    step_free_entrance: bool
    accessible_toilet: bool
    hearing_loop: bool
    parking: bool


class Facilities(Schema):
    kitchen: bool
    computers: bool
    garden: bool


class PlaceOut(Schema):
    id: int
    name: str
    kind: PlaceKindLiteral
    municipality: str
    village: str
    url: str
    address: Address
    latitude: float
    longitude: float
    organisations: list[str]
    themes: list[ThemeCodeLiteral]
    accessibility: Accessibility
    facilities: Facilities
    distance_m: int | None = None


class PlaceDetailOut(PlaceOut):
    description: str
    accessibility_notes: str
    phone: str
    email: str
    website: str
    openings_url: str


class PlacePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PlaceOut]


class OrganisationRef(Schema):
    id: int
    name: str


class OpeningOut(Schema):
    start: datetime
    end: datetime
    status: Literal["open", "closed"]
    reason: str
    note: str
    organisations: list[OrganisationRef]
    themes: list[ThemeCodeLiteral]


def place_themes(place: Place) -> list[str]:
    """The themes a resident can bring here: the place's own, its organisations' and those of
    its presence rules (as PlaceQuerySet.with_theme finds them), in the order of ThemeCode."""
    codes = {theme.code for theme in place.themes.all()}
    codes.update(theme.code for org in place.organisations.all() for theme in org.themes.all())
    codes.update(rule.theme.code for rule in place.presence_rules.all() if rule.theme_id)
    return [code for code in ThemeCode.values if code in codes]


def place_data(request: HttpRequest, place: Place) -> dict:
    building = place.building
    distance = getattr(place, "distance_m", None)
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "municipality": place.municipality.name,
        "village": place.village,
        "url": request.build_absolute_uri(place.get_absolute_url()),
        "address": {
            "street": building.street_address,
            "postcode": building.postcode,
            "town": building.town,
        },
        "latitude": building.latitude,
        "longitude": building.longitude,
        "organisations": sorted(org.name for org in place.organisations.all()),
        "themes": place_themes(place),
        "accessibility": {name: getattr(building, name) for name in ACCESSIBILITY_FIELDS},
        "facilities": {name: getattr(building, name) for name in FACILITY_FIELDS},
        "distance_m": None if distance is None else round(distance),
    }


def check_text(name: str, value: str) -> str:
    if NOT_ALLOWED_RE.search(value):
        raise HttpError(
            400, _("%(name)s contains characters that are not allowed.") % {"name": name}
        )
    return value


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get(
    "",
    response={200: PlacePage, 400: Error, 404: Error},
    url_name="places",
    operation_id="listPlaces",
    summary="List and search places",
)
def list_places(
    request: HttpRequest,
    q: str = Query(
        "", description="Free text: a postcode, a village or town, a theme word or a name."
    ),
    postcode: str = Query(
        "",
        description="A Dutch postcode, four digits or full (9521 or 9521 AB). "
        "Orders the places by distance and fills in distance_m.",
    ),
    theme: str = Query(
        "",
        description="Only places where a resident can bring a question on this theme. One of: "
        + ", ".join(ThemeCode.values)
        + ".",
        example="money",
    ),
    page: int = Query(1, ge=1, description="The page number, from 1."),
    page_size: int = Query(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Places per page."
    ),
):
    """All public places, or those that match the search. With a postcode, or a town in `q`, the
    nearest come first and each has `distance_m` (straight line, whole metres)."""
    try:
        found = search_places(
            q=check_text("q", q),
            postcode=check_text("postcode", postcode),
            theme=check_text("theme", theme),
        )
    except SearchError as error:
        raise HttpError(400, str(error)) from None
    count = found.places.count()
    pages = max(1, ceil(count / page_size))
    if page > pages:
        raise HttpError(
            404,
            _("There is no page %(page)d: the last page is %(last)d.")
            % {"page": page, "last": pages},
        )
    offset = (page - 1) * page_size
    places = found.places.select_related("building", "municipality").prefetch_related(
        *PLACE_PREFETCH
    )[offset : offset + page_size]
    return {
        "count": count,
        "next": page_url(request, page + 1) if page < pages else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [place_data(request, place) for place in places],
    }


def get_public_place(id: int) -> Place:
    if not 1 <= id <= MAX_ID:
        raise HttpError(404, _("There is no place with id %(id)d.") % {"id": id})
    places = (
        Place.objects.public()
        .select_related("building", "municipality")
        .prefetch_related(*PLACE_PREFETCH)
    )
    try:
        return places.get(pk=id)
    except Place.DoesNotExist:
        raise HttpError(404, _("There is no place with id %(id)d.") % {"id": id}) from None


@router.get(
    "/{id}",
    response={200: PlaceDetailOut, 400: Error, 404: Error},
    url_name="place",
    operation_id="getPlace",
    summary="One place",
)
def place_detail(request: HttpRequest, id: int):
    place = get_public_place(id)
    return {
        **place_data(request, place),
        "description": place.description,
        "accessibility_notes": place.building.accessibility_notes,
        "phone": place.phone,
        "email": place.email,
        "website": place.website,
        "openings_url": request.build_absolute_uri(
            reverse("api:place_openings", kwargs={"id": place.pk})
        ),
    }


def parse_day(name: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        if not DATE_RE.match(value):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise HttpError(
            400,
            _("%(name)s must be a date written as YYYY-MM-DD, for example 2026-12-07.")
            % {"name": name},
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise HttpError(
            400,
            _("%(name)s (%(day)s) must lie between %(first)s and %(last)s.")
            % {"name": name, "day": day, "first": FIRST_DAY, "last": LAST_DAY},
        )
    return day


@router.get(
    "/{id}/openings",
    response={200: list[OpeningOut], 400: Error, 404: Error},
    url_name="place_openings",
    operation_id="listPlaceOpenings",
    summary="A place's openings between two dates",
)
def place_openings_view(
    request: HttpRequest,
    id: int,
    start: str | None = Query(
        None,
        description="The first day (YYYY-MM-DD), included. Default: today.",
        example="2026-12-07",
    ),
    end: str | None = Query(
        None,
        description=f"The last day (YYYY-MM-DD), included. Default: {DEFAULT_DAYS - 1} days "
        f"after start, so two weeks. At most {MAX_DAYS} days from start to end.",
        example="2026-12-07",
    ),
):
    """Every opening from start to end, both days included, in time order. Closed ones (a public
    holiday, a closure, a cancellation) are listed too, with `status` "closed" and the `reason`."""
    first = parse_day("start", start)
    last = parse_day("end", end)
    place = get_public_place(id)
    first = first or today()
    last = last or first + timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise HttpError(
            400, _("end (%(end)s) is before start (%(start)s).") % {"end": last, "start": first}
        )
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise HttpError(
            400,
            _("Ask for at most %(max)d days at a time; from %(start)s to %(end)s is %(days)d days.")
            % {"max": MAX_DAYS, "start": first, "end": last, "days": days},
        )
    return [
        {
            "start": opening.start,
            "end": opening.end,
            "status": opening.status,
            "reason": opening.reason,
            "note": opening.note,
            "organisations": [{"id": org.pk, "name": org.name} for org in opening.organisations],
            "themes": opening.themes,
        }
        for opening in place_openings(place, first, last)
    ]

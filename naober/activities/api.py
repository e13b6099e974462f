"""Activities in the JSON API: the public list and sessions, signing up and cancelling (public,
rate-limited), and the attendance list (staff).

Thin on purpose: signing up, cancelling and confirming are naober.activities.signup, the link a
resident keeps is naober.activities.links, the attendance list and its marks (with their audit
lines) are naober.activities.attendance. Here the answers get their shape and bad input its
message. The public operations need no login and so no CSRF token (ninja only checks CSRF in
its session auth); each public write counts against NAOBER_SIGNUP_RATE per client address, the
same count as the sign-up pages.
"""

import re
from dataclasses import asdict
from datetime import datetime, time, timedelta
from math import ceil
from typing import Literal

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from pydantic import StrictBool, StrictInt

from naober.accounts.api_auth import STAFF_AUTH
from naober.api.schemas import Error
from naober.places.api import (
    DATE_RE,
    DEFAULT_PAGE_SIZE,
    FIRST_DAY,
    LAST_DAY,
    MAX_ID,
    MAX_PAGE_SIZE,
    check_text,
    page_url,
)
from naober.places.models import Place
from naober.schedules.recurrence import AMSTERDAM

from . import signup as rules
from .attendance import attendance_list, mark_attendance
from .constants import ActivityTheme, Channel, SignUpStatus
from .links import LinkError, make_token, signup_from_token
from .models import Activity, Session, SignUp

activities_router = Router(tags=["activities"])
sessions_router = Router(tags=["activities"])
signups_router = Router(tags=["activities"])

RATE_GROUP = "activities.signup"
OPEN, FULL, CANCELLED, STARTED = "open", "full", "cancelled", "started"
# A query string turns an unescaped "+" into a space: 12:00:00 01:00 meant 12:00:00+01:00.
LOST_PLUS_RE = re.compile(r"(T[0-9:.]+) ([0-9]{2}(:?[0-9]{2})?)$")
# Control characters have no place in a name or note (and PostgreSQL refuses NUL outright).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ActivityThemeLiteral = Literal[tuple(ActivityTheme.values)]  # type: ignore[valid-type]
SignUpStatusLiteral = Literal[tuple(SignUpStatus.values)]  # type: ignore[valid-type]
NewSignUpStatus = Literal["confirmed", "waitlisted"]


class ActivityPlace(Schema):
    slug: str
    name: str


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    theme: ActivityThemeLiteral
    place: ActivityPlace
    organisation: str | None = Field(description="Who runs it; null: volunteers.")
    rule: str = Field(
        description="When it happens, in words: “every Thursday”, “the last Thursday of the "
        "month”.",
        examples=["the last Thursday of the month"],
    )
    start_time: time
    duration: int = Field(description="In minutes.")
    capacity: int | None = Field(description="Seats in each session; null: no limit.")
    signup_required: bool = Field(description="false: just walk in.")
    cost: str = Field(description="In euros; “0.00” is free.", examples=["2.50"])
    accessibility_notes: str
    url: str = Field(description="The activity's page for residents.")


class ActivityPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ActivityOut]


class SessionOut(Schema):
    id: int
    start: datetime
    end: datetime
    capacity: int | None = Field(description="null: no limit.")
    seats_left: int | None = Field(description="null: no limit.")
    waiting: int = Field(description="Sign-ups on the waiting list.")
    status: Literal["open", "full", "cancelled", "started"] = Field(
        description="full: signing up puts you on the waiting list; started: under way or over."
    )
    cancel_reason: str | None = Field(description="Why it does not go ahead; null when it does.")


class SignUpIn(Schema):
    name: str
    phone: str = Field(
        "", description="A phone number, an e-mail address or both.", examples=["06 12345678"]
    )
    email: str = Field("", examples=["naam@example.nl"])
    # Strict: a JSON number, not true or "2", as the rules count people.
    people: StrictInt = Field(1, description="How many people come, the one signing up included.")
    note: str = Field("", description="For the host, for example a diet. At most 200 letters.")
    series: StrictBool = Field(
        False,
        description="true: sign up for every coming session of the activity, with a seat where "
        "there is one and on the waiting list where there is not.",
    )


class SeriesItem(Schema):
    session: int
    start: datetime
    status: NewSignUpStatus
    position: int | None


class SignUpOut(Schema):
    status: NewSignUpStatus = Field(description="confirmed, or waitlisted when it is full.")
    position: int | None = Field(description="Place in the waiting line (1 is next); null: a seat.")
    cancel_token: str = Field(
        description="Keep this to cancel (POST /api/v1/signups/cancel) or to confirm a seat "
        "offered later (POST /api/v1/signups/confirm)."
    )
    session: int
    series: list[SeriesItem] | None = Field(
        description="For a series: each session signed up for. null for one session."
    )


class TokenIn(Schema):
    token: str = Field(description="The cancel_token from the sign-up's answer or link.")


class CancelIn(TokenIn):
    series: StrictBool = Field(
        False, description="true: also cancel the later sessions of the same series."
    )


class CancelOut(Schema):
    status: Literal["cancelled"]
    sessions: list[int] = Field(description="The sessions cancelled.")


class ConfirmOut(Schema):
    status: Literal["confirmed"]
    session: int


class AttendeeOut(Schema):
    id: int
    name: str
    phone: str = Field(description="International form, +31…; empty when not given.")
    email: str
    people: int
    note: str
    status: SignUpStatusLiteral
    attended: bool | None = Field(description="null: not marked yet.")


class AttendanceSession(SessionOut):
    activity: str
    place: ActivityPlace


class AttendanceTotals(Schema):
    """People, not sign-ups: a sign-up for three is three chairs."""

    signed_up: int = Field(description="People with a seat, and those from the line who came.")
    came: int
    did_not_come: int
    not_marked: int


class AttendanceOut(Schema):
    session: AttendanceSession
    signups: list[AttendeeOut] = Field(
        description="Who holds a seat (confirmed, or offered and not yet confirmed), by name."
    )
    waiting_list: list[AttendeeOut] = Field(description="In line, the first one first.")
    totals: AttendanceTotals


class AttendanceIn(Schema):
    signup: int = Field(description="The sign-up's id, from the attendance list.")
    attended: StrictBool | None = Field(
        description="true: came; false: did not come; null: take the mark back."
    )


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def check_rate(request: HttpRequest) -> None:
    if is_ratelimited(
        request,
        group=RATE_GROUP,
        key="ip",
        rate=settings.NAOBER_SIGNUP_RATE,
        increment=True,
    ):
        raise HttpError(429, _("Too many requests from your address. Please try again later."))


def refusal(request: HttpRequest, error: rules.SignUpError) -> HttpResponse:
    """A sign-up that cannot be made or changed: 400 with the rule's message, which field it
    belongs to and a code a program can act on."""
    # naober.api.api imports this module; by the time of a request it is complete.
    from naober.api.api import api

    return api.create_response(
        request,
        {"detail": error.message, "field": error.field, "code": error.code},
        status=400,
    )


def parse_moment(name: str, value: str | None, *, end: bool = False) -> datetime | None:
    """A day (YYYY-MM-DD: from its start, or for `end` until its end) or an ISO 8601 moment;
    without an offset the time is Amsterdam's."""
    if value is None or value == "":
        return None
    value = LOST_PLUS_RE.sub(r"\1+\2", value.strip())
    try:
        if DATE_RE.match(value):
            day = datetime.fromisoformat(value).date()
            moment = datetime.combine(day + timedelta(days=1 if end else 0), time(), AMSTERDAM)
        elif "T" in value and len(value) <= 40:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=AMSTERDAM)
        else:
            raise ValueError
    except ValueError:
        raise HttpError(
            400,
            _(
                "%(name)s must be a date (2026-12-07) or a date and time "
                "(2026-12-07T09:00:00+01:00)."
            )
            % {"name": name},
        ) from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY + timedelta(days=1):
        raise HttpError(
            400,
            _("%(name)s must lie between %(first)s and %(last)s.")
            % {"name": name, "first": FIRST_DAY, "last": LAST_DAY},
        )
    return moment


def window(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    first = parse_moment("start", start)
    last = parse_moment("end", end, end=True)
    if first is not None and last is not None and last <= first:
        raise HttpError(400, _("end must be after start."))
    return first, last


def activity_data(request: HttpRequest, activity: Activity) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "theme": activity.theme,
        "place": {"slug": activity.place.slug, "name": activity.place.name},
        "organisation": activity.organisation.name if activity.organisation else None,
        "rule": activity.describe(),
        "start_time": activity.start_time,
        "duration": activity.duration,
        "capacity": activity.capacity,
        "signup_required": activity.signup_required,
        "cost": f"{activity.cost:.2f}",
        "accessibility_notes": activity.accessibility_notes,
        "url": request.build_absolute_uri(activity.get_absolute_url()),
    }


def session_status(session: Session) -> str:
    if session.is_cancelled:
        return CANCELLED
    if session.has_started():
        return STARTED
    return FULL if session.is_full() else OPEN


def session_data(session: Session) -> dict:
    """A session annotated by `with_seats()`."""
    return {
        "id": session.pk,
        "start": local(session.start),
        "end": local(session.end),
        "capacity": session.capacity,
        "seats_left": session.seats_left(),
        "waiting": session.waiting,
        "status": session_status(session),
        "cancel_reason": session.cancel_reason or None,
    }


@activities_router.get(
    "",
    response={200: ActivityPage, 400: Error, 404: Error},
    url_name="activities",
    operation_id="listActivities",
    summary="List activities",
)
def list_activities(
    request: HttpRequest,
    place: str = Query(
        "", description="Only at this place: its slug.", example="huis-van-de-buurt-wolfsbos"
    ),
    theme: str = Query(
        "",
        description="Only activities of this theme. One of: "
        + ", ".join(ActivityTheme.values)
        + ".",
        example="food",
    ),
    start: str | None = Query(
        None,
        description="Only activities with a session that goes ahead after this day "
        "(YYYY-MM-DD) or moment (ISO 8601).",
        example="2026-11-23",
    ),
    end: str | None = Query(
        None,
        description="Only activities with a session that goes ahead before this moment, or "
        "on or before this day. Without start: from now.",
        example="2026-11-29",
    ),
    page: int = Query(1, ge=1, description="The page number, from 1."),
    page_size: int = Query(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Activities per page."
    ),
):
    """The public activities at public places, by place and title. With `start` or `end`, only
    those with a session in that window that is not cancelled: "this week" is
    `start=2026-11-23&end=2026-11-29`."""
    first, last = window(start, end)
    activities = Activity.objects.public()
    slug = check_text("place", place)
    if slug:
        if not Place.objects.public().filter(slug=slug).exists():
            raise HttpError(400, _("There is no place “%(place)s”.") % {"place": slug})
        activities = activities.filter(place__slug=slug)
    if theme:
        if check_text("theme", theme) not in ActivityTheme.values:
            raise HttpError(
                400,
                _("theme cannot be “%(value)s”. Choose one of: %(allowed)s.")
                % {"value": theme, "allowed": ", ".join(ActivityTheme.values)},
            )
        activities = activities.filter(theme=theme)
    if first is not None or last is not None:
        sessions = Session.objects.filter(
            activity=OuterRef("pk"), cancel_reason="", end__gt=first or timezone.now()
        )
        if last is not None:
            sessions = sessions.filter(start__lt=last)
        activities = activities.filter(Exists(sessions))
    count = activities.count()
    pages = max(1, ceil(count / page_size))
    if page > pages:
        raise HttpError(
            404,
            _("There is no page %(page)d: the last page is %(last)d.")
            % {"page": page, "last": pages},
        )
    offset = (page - 1) * page_size
    found = activities.select_related("place", "organisation").order_by(
        "place__name", "title", "pk"
    )
    return {
        "count": count,
        "next": page_url(request, page + 1) if page < pages else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [
            activity_data(request, activity) for activity in found[offset : offset + page_size]
        ],
    }


@activities_router.get(
    "/{id}/sessions",
    response={200: list[SessionOut], 400: Error, 404: Error},
    url_name="activity_sessions",
    operation_id="listActivitySessions",
    summary="An activity's sessions",
)
def list_sessions(
    request: HttpRequest,
    id: int,
    start: str | None = Query(
        None,
        description="From this day (YYYY-MM-DD) or moment (ISO 8601). Default: now, so the "
        "coming sessions and one that is going on.",
        example="2026-11-23",
    ),
    end: str | None = Query(
        None,
        description="Until this moment, or until the end of this day. Default: all planned.",
        example="2026-12-31",
    ),
):
    """The sessions of a public activity in time order, each with its seats and waiting list.
    Cancelled ones are listed too, with `status` "cancelled" and the reason."""
    first, last = window(start, end)
    if not 1 <= id <= MAX_ID or not Activity.objects.public().filter(pk=id).exists():
        raise HttpError(404, _("There is no activity with id %(id)d.") % {"id": id})
    sessions = Session.objects.filter(activity_id=id, end__gt=first or timezone.now())
    if last is not None:
        sessions = sessions.filter(start__lt=last)
    return [session_data(session) for session in sessions.with_seats().order_by("start", "pk")]


def find_public_session(id: int) -> Session:
    session = None
    if 1 <= id <= MAX_ID:
        session = Session.objects.public().select_related("activity").filter(pk=id).first()
    if session is None:
        raise HttpError(404, _("There is no session with id %(id)d.") % {"id": id})
    return session


def check_characters(body: Schema, *names: str) -> rules.SignUpError | None:
    for name in names:
        if CONTROL_RE.search(getattr(body, name)):
            return rules.SignUpError(
                _("%(name)s contains characters that are not allowed.") % {"name": name},
                field=name,
            )
    return None


@sessions_router.post(
    "/{id}/signups",
    response={201: SignUpOut, 400: Error, 404: Error, 429: Error},
    auth=None,
    url_name="session_signups",
    operation_id="signUp",
    summary="Sign up for a session",
)
def sign_up(request: HttpRequest, id: int, body: SignUpIn):
    """Sign up without an account: a name and a phone number or an e-mail address. 201 with
    `status` "confirmed" (a seat) or "waitlisted" (it is full: `position` in the line; when a
    seat comes free you are told and have a while to confirm). Keep the `cancel_token`.

    A sign-up that cannot be made (after the start, the same person twice, 0 or too many
    people, a phone number that cannot exist) is 400 with, beside `detail`, `field` (the field
    it is about, or null) and `code` (for example "duplicate", "started", "people", "phone").
    Messages follow Accept-Language, and so do the resident's messages about the sign-up."""
    check_rate(request)
    session = find_public_session(id)
    problem = check_characters(body, "name", "phone", "email", "note")
    if problem is not None:
        return refusal(request, problem)
    person = rules.Person(
        name=body.name,
        phone=body.phone,
        email=body.email,
        people=body.people,
        note=body.note,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    try:
        if body.series:
            made = rules.sign_up_series(
                session.activity, person, channel=Channel.API, first=session
            )
        else:
            made = [rules.sign_up(session, person, channel=Channel.API)]
    except rules.SignUpError as error:
        return refusal(request, error)
    main = next((s for s in made if s.session_id == session.pk), made[0])
    return HttpStatus(
        201,
        {
            "status": main.status,
            "position": main.place_in_line(),
            "cancel_token": make_token(main),
            "session": main.session_id,
            "series": [
                {
                    "session": s.session_id,
                    "start": local(s.session.start),
                    "status": s.status,
                    "position": s.place_in_line(),
                }
                for s in made
            ]
            if body.series
            else None,
        },
    )


def signup_for_token(token: str) -> SignUp:
    try:
        return signup_from_token(token.strip())
    except LinkError as error:
        raise HttpError(400, str(error)) from None


@signups_router.post(
    "/cancel",
    response={200: CancelOut, 400: Error, 429: Error},
    auth=None,
    url_name="signup_cancel",
    operation_id="cancelSignUp",
    summary="Cancel a sign-up",
)
def cancel_signup(request: HttpRequest, body: CancelIn):
    """Cancel with the `cancel_token`; the seat goes to the first on the waiting list. With
    `series` true, also the later sessions of the same series. A link that is forged or
    expired, a sign-up already cancelled or a session that has started: 400."""
    check_rate(request)
    signup = signup_for_token(body.token)
    try:
        if body.series:
            done = rules.cancel_series(signup)
        else:
            rules.cancel(signup)
            done = [signup]
    except rules.SignUpError as error:
        return refusal(request, error)
    return {"status": SignUpStatus.CANCELLED.value, "sessions": [s.session_id for s in done]}


@signups_router.post(
    "/confirm",
    response={200: ConfirmOut, 400: Error, 429: Error},
    auth=None,
    url_name="signup_confirm",
    operation_id="confirmSignUp",
    summary="Take a seat offered from the waiting list",
)
def confirm_signup(request: HttpRequest, body: TokenIn):
    """When a seat comes free, the first in line is offered it until a deadline: confirm with
    the `cancel_token` to take it. Too late, or nothing offered: 400."""
    check_rate(request)
    signup = signup_for_token(body.token)
    try:
        signup = rules.confirm_offer(signup)
    except rules.SignUpError as error:
        return refusal(request, error)
    return {"status": SignUpStatus.CONFIRMED.value, "session": signup.session_id}


def kept_session(request: HttpRequest, id: int) -> Session:
    session = None
    if 1 <= id <= MAX_ID:
        session = (
            Session.objects.kept_by(request.user)
            .with_seats()
            .select_related("activity__place")
            .filter(pk=id)
            .first()
        )
    if session is None:
        raise HttpError(404, _("You keep no session with id %(id)d.") % {"id": id})
    return session


def attendee_data(signup: SignUp) -> dict:
    return {
        "id": signup.pk,
        "name": signup.name,
        "phone": signup.phone,
        "email": signup.email,
        "people": signup.people,
        "note": signup.note,
        "status": signup.status,
        "attended": signup.attended,
    }


@sessions_router.get(
    "/{id}/attendance",
    response={200: AttendanceOut, 400: Error, 401: Error, 403: Error, 404: Error},
    auth=STAFF_AUTH,
    url_name="session_attendance",
    operation_id="getAttendance",
    summary="A session's attendance list",
)
def attendance(request: HttpRequest, id: int):
    """Who is coming to a session at a place whose desk you keep (or in the network you
    coordinate): those with a seat by name, with their phone number and note, the waiting list
    in order, and the totals in people. Each view is written to the audit trail."""
    session = kept_session(request, id)
    found = attendance_list(session, user=request.user, request=request)
    place = session.activity.place
    return {
        "session": {
            **session_data(session),
            "activity": session.activity.title,
            "place": {"slug": place.slug, "name": place.name},
        },
        "signups": [attendee_data(s) for s in found.seated],
        "waiting_list": [attendee_data(s) for s in found.waiting],
        "totals": asdict(found.totals),
    }


@sessions_router.post(
    "/{id}/attendance",
    response={200: AttendeeOut, 400: Error, 401: Error, 403: Error, 404: Error},
    auth=STAFF_AUTH,
    url_name="session_attendance",
    operation_id="markAttendance",
    summary="Mark who came",
)
def mark(request: HttpRequest, id: int, body: AttendanceIn):
    """Mark one sign-up of a session you keep as came (true), did not come (false) or not
    marked (null), from the session's day on; the answer is the sign-up as it is now. Each
    change is written to the audit trail. A cancelled sign-up or session, or a session still
    to come: 400 with `detail`, `field` and `code`, as for signing up."""
    session = kept_session(request, id)
    signup = None
    if 1 <= body.signup <= MAX_ID:
        signup = session.signups.select_related("session").filter(pk=body.signup).first()
    if signup is None:
        raise HttpError(404, _("This session has no sign-up with id %(id)d.") % {"id": body.signup})
    try:
        signup = mark_attendance(signup, body.attended, by=request.user, request=request)
    except rules.SignUpError as error:
        return refusal(request, error)
    return attendee_data(signup)

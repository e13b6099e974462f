"""The JSON API at /api/v1/: one NinjaAPI object; each domain app brings its own router.

Every answer is JSON, errors included: `{"detail": "<what is wrong, in one sentence>"}` with a
4xx status. The text comes out in the language the client asks for with Accept-Language (see
urls.py), Dutch by default.

A domain app that gets endpoints writes its own `<app>/api.py` with a ninja Router and adds it
below with `api.add_router(...)`; staff endpoints pass their own `auth=` there. Routers must be
added here, before urls.py asks for `api.urls`.
"""

import json
import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from naober.activities.api import activities_router, sessions_router, signups_router
from naober.desk.api import referrals_router, visits_router
from naober.places.api import router as places_router

logger = logging.getLogger(__name__)


class SafeJSONRenderer(JSONRenderer):
    """JSON in which <, > and & are written as \\u escapes, as Django's json_script does.

    The decoded values are unchanged, but no answer can be read as HTML, even when it repeats a
    query that contained markup."""

    def render(self, request, data, *, response_status):
        text = json.dumps(data, cls=self.encoder_class, ensure_ascii=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


api = NinjaAPI(
    title="naober",
    version="1",
    urls_namespace="api",
    renderer=SafeJSONRenderer(),
    description=(
        "Read-only data of the neighbourhood meeting places: where they are, when they are open "
        "and who is there.\n\n"
        "* Lists are paginated by page number: `?page=2&page_size=50` (at most 100 a page). "
        "The answer has `count` (all results), `next` and `previous` (full URLs or null) and "
        "`results`.\n"
        "* Times are ISO 8601 in Europe/Amsterdam with the UTC offset, for example "
        "`2026-12-07T09:00:00+01:00`.\n"
        "* Texts (the reason a place is closed, error messages) are in Dutch; send "
        "`Accept-Language: en` for English.\n"
        '* Every error is JSON with a 4xx status: `{"detail": "what is wrong"}`.\n\n'
        "The referrals and visits operations are for staff only. Send a personal API token as "
        "`Authorization: Bearer <token>`, or use a staff session that has passed the second "
        "factor (POST then also needs the CSRF token in `X-CSRFToken`). Without either the "
        "answer is 401. You see the referrals sent to your organisations in full, those your "
        "organisations sent by status only, and count visits only at the places whose desk you "
        "keep; anything else is 404. Each view of a resident's details is logged, and no answer "
        "may be stored (`Cache-Control: no-store`).\n\n"
        "Activities and their sessions are public, and so are signing up for a session, "
        "cancelling and confirming a seat offered from the waiting list: no account, a name and "
        "a phone number or e-mail address are enough; keep the `cancel_token` from the answer. "
        "These POST requests need no CSRF token and are limited per client address (429 when "
        "there are too many). A session's attendance list is for staff, in the same two ways, "
        "at the places whose desk you keep or in the network you coordinate; each view of it "
        "is logged."
    ),
)
api.add_router("/places", places_router)
api.add_router("/referrals", referrals_router)
api.add_router("/visits", visits_router)
api.add_router("/activities", activities_router)
api.add_router("/sessions", sessions_router)
api.add_router("/signups", signups_router)


# Readable sentences for the validation errors ninja (pydantic) finds in query or path parameters.
VALIDATION_MESSAGES = {
    "int_parsing": gettext_lazy("%(name)s must be a whole number."),
    "int_from_float": gettext_lazy("%(name)s must be a whole number."),
    "int_type": gettext_lazy("%(name)s must be a whole number."),
    "int_parsing_size": gettext_lazy("%(name)s is far too large a number."),
    "greater_than_equal": gettext_lazy("%(name)s must be %(ge)s or more."),
    "greater_than": gettext_lazy("%(name)s must be more than %(gt)s."),
    "less_than_equal": gettext_lazy("%(name)s must be %(le)s or less."),
    "less_than": gettext_lazy("%(name)s must be less than %(lt)s."),
    "missing": gettext_lazy("%(name)s is required."),
}


def describe_validation_error(error: dict) -> str:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    name = ".".join(loc) or _("The request")
    template = VALIDATION_MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("%(name)s is not valid.") % {"name": name}
    values = {key: value for key, value in (error.get("ctx") or {}).items() if key != "error"}
    try:
        return str(template) % {"name": name, **values}
    except (KeyError, TypeError, ValueError):
        return _("%(name)s is not valid.") % {"name": name}


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = " ".join(dict.fromkeys(describe_validation_error(e) for e in exc.errors))
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
        # ninja's own words for a body that is not JSON: in the client's language instead.
        detail = _("The request body is not valid JSON.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc: RequestDataTooBig):
    return api.create_response(request, {"detail": _("The request body is too large.")}, status=413)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(Exception)
def server_error(request, exc: Exception):
    # Keep the traceback in the log, not in the answer: a client only needs to know it is not them.
    logger.exception("API error on %s", request.path)
    return api.create_response(
        request,
        {"detail": _("Something went wrong on our side. Please try again later.")},
        status=500,
    )

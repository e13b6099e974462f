"""Who may call the staff part of the API: the two ways in, used together as `auth=STAFF_AUTH`.

- A browser session of a staff member, as for the staff pages: password *and* second factor,
  and the CSRF token on every POST (ninja's SessionAuth check, with a readable answer).
- An API token, `Authorization: Bearer <token>`, issued to a person (ApiToken); it stops working
  when it is revoked or the person is deactivated.

ninja tries them in order; the first that knows the caller wins. Each answers None when its own
credential is absent, so the other can try, and refuses with a 4xx `{"detail": ...}` when it is
present but not good enough. The token comes last and also says what to send when neither came:
ninja's own answer for that is English only.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from . import access
from .models import ApiToken


def has_bearer_token(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


class StaffSessionAuth(SessionAuth):
    """A logged-in staff member's browser session, with the second factor."""

    openapi_description = (
        "The session of a staff member logged in on the staff pages, with password and second "
        "factor. POST requests also need the CSRF token in the X-CSRFToken header."
    )

    def __call__(self, request: HttpRequest):
        # A client with a token is judged by its token. A request from another site cannot set
        # this header, so skipping the session's CSRF check here opens no door.
        if has_bearer_token(request) or not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        # As APIKeyCookie._get_key, but the refusal is a sentence in the client's language.
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise HttpError(
                    403,
                    _("The CSRF token is missing or wrong. Reload the page and try again."),
                )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        if not access.second_factor_done(request):
            raise HttpError(
                401, _("Finish logging in first: enter the code from your authenticator app.")
            )
        if not access.is_staff_member(user):
            raise HttpError(403, _("Your account has no staff role in naober."))
        return user


class ApiTokenAuth(HttpBearer):
    """A personal API token: `Authorization: Bearer <token>`."""

    openapi_description = (
        "A personal API token, sent as `Authorization: Bearer <token>`. Create one on the "
        "staff pages under API tokens; it is shown only once."
    )

    def __call__(self, request: HttpRequest):
        if not has_bearer_token(request):
            raise HttpError(
                401,
                _(
                    "Log in first: send an API token as “Authorization: Bearer <token>”, or "
                    "use a staff session that has passed the second factor."
                ),
            )
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str):
        row = ApiToken.find(token.strip()) if token.strip() else None
        if row is None or not access.is_staff_member(row.user):
            raise HttpError(401, _("This API token is not valid, or it has been revoked."))
        # The rule functions and the audit trail take the person from request.user.
        request.user = row.user
        return row.user


session_auth = StaffSessionAuth()
token_auth = ApiTokenAuth()
# In this order: ApiTokenAuth answers 401 when neither way in was used.
STAFF_AUTH = [session_auth, token_auth]

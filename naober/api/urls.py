"""Wires the API under /api/v1/ (see naober/urls.py).

/api/v1/ lies outside i18n_patterns, where LocaleMiddleware always picks the default language
(Dutch). An API client cannot click a language link, so here the language comes from the
request's Accept-Language header instead.
"""

from functools import wraps

from django.urls import path, re_path, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .api import api


def in_requested_language(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if response.status_code == 405:
                # ninja answers a wrong method in plain text; keep every answer JSON.
                allowed = response.headers.get("Allow", "")
                response = api.create_response(
                    request,
                    {
                        "detail": _("This address only answers %(allowed)s requests.")
                        % {"allowed": allowed}
                    },
                    status=405,
                )
                response.headers["Allow"] = allowed
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


def root(request, *args, **kwargs):
    """Where to start: the OpenAPI document, its readable docs and the list of places."""
    return api.create_response(
        request,
        {
            name: request.build_absolute_uri(reverse(f"api:{name}"))
            for name in ("openapi-json", "openapi-view", "places")
        },
        status=200,
    )


@in_requested_language
def unknown_path(request, *args, **kwargs):
    return api.create_response(
        request, {"detail": _("There is nothing at this address in the API.")}, status=404
    )


# Not module-level app_name/namespace: include() would take those as this module's own.
_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    # ninja's own root view raises Http404, which Django would answer with an HTML page.
    _view = root if _pattern.name == "api-root" else _pattern.callback
    _pattern.callback = in_requested_language(_view)

urlpatterns = [
    path("", (_patterns + [re_path(r"", unknown_path)], _app_name, _namespace)),
]

from django.utils.cache import add_never_cache_headers

# URL namespaces of pages for staff, and the staff part of the API: never stored by a browser or
# proxy, whoever asks.
STAFF_NAMESPACES = {"accounts", "desk", "activity_desk", "rosters", "planning", "admin"}
STAFF_API_PREFIXES = (
    "/api/v1/referrals",
    "/api/v1/visits",
    # Sign-ups carry names and phone numbers, and the attendance lists are for staff.
    "/api/v1/sessions",
    "/api/v1/signups",
)


class StaffPagesMiddleware:
    """Cache-Control: no-store on every staff page and staff API answer, also on redirects and
    errors, so nothing a partner saw stays in a shared tablet's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        namespaces = set(match.namespaces) if match else set()
        if namespaces & STAFF_NAMESPACES or request.path.startswith(STAFF_API_PREFIXES):
            # no-cache, no-store, must-revalidate, private, max-age=0
            add_never_cache_headers(response)
        return response

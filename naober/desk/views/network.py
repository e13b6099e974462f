"""The coordinator's pages: the network's figures, and residents' requests to see or erase
their data.

A resident's phone number or e-mail address only ever travels in a POST body: never in a URL
(which ends up in server logs and browser history), a message or the session. The search page
answers the POST directly, and its export and erase forms carry the detail on as a hidden field.
"""

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from naober.accounts import access
from naober.accounts.decorators import staff_required

from .. import figures as network_figures
from .. import rights as resident_rights


def _network(request):
    """The municipalities this person coordinates; 403 for anyone who coordinates none."""
    municipalities = access.network(request.user)
    if not municipalities.exists():
        raise PermissionDenied
    return municipalities


@staff_required
def figures(request):
    municipalities = _network(request)
    today = timezone.localdate()
    current = network_figures.Quarter.containing(today)
    quarter, error = current, ""
    if request.GET.get("quarter"):
        try:
            quarter = network_figures.Quarter.parse(request.GET["quarter"])
        except ValueError:
            error = _("Write the quarter like %(example)s. Showing the current quarter.") % {
                "example": current
            }
    choices = network_figures.recent_quarters(today)
    if quarter not in choices:
        choices = sorted({*choices, quarter}, reverse=True)
    visits, referrals, activities = network_figures.for_network(municipalities, quarter)
    return render(
        request,
        "desk/figures.html",
        {
            "network": municipalities,
            "quarter": quarter,
            "choices": choices,
            "error": error,
            "visits": visits,
            "referrals": referrals,
            "activities": activities,
        },
    )


def _rights_page(request, context: dict, status: int = 200):
    return render(request, "desk/rights.html", {"contact": "", **context}, status=status)


def _search(request, municipalities):
    """(contact, referrals, error) for the contact detail in the POST."""
    contact = request.POST.get("contact", "").strip()[:254]
    try:
        found = resident_rights.find(contact, municipalities, by=request.user, request=request)
    except resident_rights.RightsError as error:
        return contact, None, error.message
    return contact, found, ""


@staff_required
@require_http_methods(["GET", "POST"])
def rights(request):
    municipalities = _network(request)
    if request.method == "GET":
        return _rights_page(request, {})
    contact, found, error = _search(request, municipalities)
    return _rights_page(request, {"contact": contact, "found": found, "error": error})


@staff_required
@require_POST
def rights_export(request):
    municipalities = _network(request)
    contact, found, error = _search(request, municipalities)
    if error or not found:
        return _rights_page(request, {"contact": contact, "found": found, "error": error})
    data = resident_rights.export(found, contact=contact, by=request.user, request=request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"naober-export-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
@require_POST
def rights_erase(request):
    municipalities = _network(request)
    contact, found, error = _search(request, municipalities)
    if error or not found:
        return _rights_page(request, {"contact": contact, "found": found, "error": error})
    if request.POST.get("confirm") != "yes":
        return _rights_page(
            request,
            {
                "contact": contact,
                "found": found,
                "confirm_error": _("Tick the box to confirm that the data may be erased."),
            },
        )
    erased = resident_rights.erase(found, request.user, request, contact=contact)
    return _rights_page(request, {"erased": erased})

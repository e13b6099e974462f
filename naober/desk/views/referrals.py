"""Questions and referrals: the form at the desk, the inbox, one referral and its follow-up.

refer              a host (for their places) or a partner (for places their organisation
                   runs) records a question and hands it to one partner organisation
referrals          the inbox (sent to us, partners only, in full) and what we sent (status only)
referral           one referral, for the receiving organisation only; every view is audited
referral_status    accept, contact, close (with an outcome) or decline: POST only
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from naober.accounts import access
from naober.accounts.decorators import staff_required
from naober.places.models import Place

from .. import referrals as rules
from ..constants import Status
from ..forms import ReferForm, StatusChangeForm, StatusFilterForm
from ..models import Referral
from ..retention import retention_period


def _refer_places(user):
    """The places this person may record a question at: a host's own places, and for a partner
    professional the places their organisation runs."""
    return Place.objects.filter(
        Q(pk__in=access.desk_places(user).values("pk"))
        | Q(organisations__in=access.partner_organisations(user))
    ).distinct()


@staff_required
def refer(request, slug):
    place = get_object_or_404(_refer_places(request.user), slug=slug)
    form = ReferForm(request.POST if request.method == "POST" else None, place=place)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, created = rules.refer(
                place=place,
                to_organisation=data["to_organisation"],
                theme=data["theme"],
                description=data["description"],
                urgency=data["urgency"],
                contact_method=data["contact_method"],
                contact=form.contact(),
                resident_agreed=data["resident_agreed"],
                legal_basis=data["legal_basis"],
                by=request.user,
                key=data["key"],
                request=request,
            )
        except rules.ReferralError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # The organisation's name only: the resident's question never goes into a message.
            organisation = referral.to_organisation.name
            if created:
                messages.success(request, _("Referred to %(org)s.") % {"org": organisation})
            else:
                messages.info(
                    request,
                    _("This question was already referred to %(org)s.") % {"org": organisation},
                )
            return redirect("desk:referrals")
    at_desk = access.desk_places(request.user).filter(pk=place.pk).exists()
    return render(
        request,
        "desk/refer.html",
        {"place": place, "form": form, "at_desk": at_desk},
        status=400 if form.is_bound else 200,
    )


@staff_required
def referrals(request):
    user = request.user
    filter_form = StatusFilterForm(request.GET)
    status = filter_form.cleaned_data.get("status", "") if filter_form.is_valid() else ""
    received = None
    if access.partner_organisations(user).exists():
        received = Referral.objects.received_by(user).select_related(
            "theme", "place", "to_organisation"
        )
        if status:
            received = received.filter(status=status)
    sent = Referral.objects.sent_by(user).select_related("theme", "to_organisation")
    if status:
        sent = sent.filter(status=status)
    return render(
        request,
        "desk/referrals.html",
        {
            "filter_form": filter_form,
            "status": status,
            "received": received,
            "sent": sent,
        },
    )


def _received_referral(request, pk) -> Referral:
    """A referral sent to this person's organisation; 404 for everyone else, the referring side
    included (it sees the status in its list)."""
    referral = get_object_or_404(
        Referral.objects.received_by(request.user).select_related(
            "theme", "place", "from_organisation", "to_organisation"
        ),
        pk=pk,
    )
    if not referral.can_be_seen_by(request.user):
        raise Http404
    return referral


def _render_referral(request, referral, *, status_form=None, status=200):
    contact = erase_on = None
    if not referral.personal_data_erased:
        # Writes the REFERRAL_VIEWED audit line.
        contact = rules.show_personal_data(referral, user=request.user, request=request)
        if referral.finished_at:
            erase_on = referral.finished_at + retention_period()
    return render(
        request,
        "desk/referral.html",
        {
            "referral": referral,
            "contact": contact,
            "history": referral.status_changes.select_related("by_organisation"),
            "next_statuses": [Status(value) for value in rules.allowed_next(referral)],
            "status_form": status_form or StatusChangeForm(),
            "closed": Status.CLOSED,
            "erase_on": erase_on,
        },
        status=status,
    )


@staff_required
def referral(request, pk):
    return _render_referral(request, _received_referral(request, pk))


@staff_required
@require_POST
def referral_status(request, pk):
    referral = _received_referral(request, pk)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            rules.change_status(
                referral,
                form.cleaned_data["status"],
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                request=request,
            )
        except rules.ReferralError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The referral is now “%(status)s”.")
                % {"status": Status(form.cleaned_data["status"]).label},
            )
            response = redirect(reverse("desk:referral", args=[referral.pk]))
            response.status_code = 303
            return response
    return _render_referral(request, referral, status_form=form, status=400)

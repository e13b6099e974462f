"""The residents' pages: activities near me, an activity, signing up, and a sign-up's own page.

Each view parses its input, calls one rule (places.search for "near me", signup.py for signing
up, cancelling and confirming, links.py for the link a resident keeps) and renders. Seats change
by the minute, so none of these pages is cached; the pages of a sign-up show personal data and
tell browsers and proxies not to keep them either.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from naober.guide.caching import public_page
from naober.places.models import Place
from naober.places.search import SearchError, search_places
from naober.responses import see_other
from naober.schedules.openings import today

from .. import feeds, links
from .. import signup as rules
from ..constants import ACTIVE, ActivityTheme, SignUpStatus
from ..contact import readable_phone
from ..forms import SignUpForm
from ..models import Activity, Session, SignUp

SESSIONS_PER_PAGE = 20
# "Near me": places within this straight-line distance of the postcode or town, a bus ride or a
# bike ride in the countryside.
NEAR_METRES = 25_000
WEEK = "week"


class FindForm(forms.Form):
    """The filters of the activities list; every one optional."""

    q = forms.CharField(
        label=gettext_lazy("Postcode or town"),
        required=False,
        help_text=gettext_lazy("For example 7908 or Hoogeveen."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search"}),
    )
    place = forms.ChoiceField(
        label=gettext_lazy("Place"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a place from the list.")},
    )
    theme = forms.ChoiceField(
        label=gettext_lazy("What do you like to do?"),
        required=False,
        choices=[("", gettext_lazy("Everything"))] + list(ActivityTheme.choices),
        error_messages={"invalid_choice": gettext_lazy("Choose a theme from the list.")},
    )
    when = forms.ChoiceField(
        label=gettext_lazy("When"),
        required=False,
        choices=[
            ("", gettext_lazy("All coming sessions")),
            (WEEK, gettext_lazy("The coming 7 days")),
        ],
        error_messages={
            "invalid_choice": gettext_lazy("Choose “all coming sessions” or “the coming 7 days”.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_activities = Activity.objects.public().filter(place=OuterRef("pk"))
        places = (
            Place.objects.public()
            .filter(Exists(with_activities))
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["place"].choices = [("", gettext_lazy("All places"))] + list(places)

    def query(self, **changes) -> str:
        """The filters as typed, for the links to the next page."""
        data = {name: self.cleaned_data.get(name, "") for name in self.fields} | changes
        return urlencode({name: value for name, value in data.items() if value})


@require_safe
def activities(request):
    form = FindForm(request.GET or None)
    context = {"form": form, "uses_postcodes": True}
    if form.is_bound and form.is_valid():
        sessions = Session.objects.public().upcoming()
        data = form.cleaned_data
        distances = {}
        if data["q"]:
            try:
                result = search_places(q=data["q"])
            except SearchError as error:
                form.add_error("q", str(error))
            else:
                places = result.places
                if result.origin:
                    places = places.filter(distance_m__lte=NEAR_METRES)
                    distances = dict(places.values_list("pk", "distance_m"))
                    context["origin"] = result.origin
                sessions = sessions.filter(activity__place__in=places.values("pk"))
        if data["place"]:
            sessions = sessions.filter(activity__place__slug=data["place"])
        if data["theme"]:
            sessions = sessions.filter(activity__theme=data["theme"])
            context["theme_label"] = ActivityTheme(data["theme"]).label
        if data["when"] == WEEK:
            sessions = sessions.filter(start__lt=timezone.now() + timedelta(days=7))
        if not form.errors:
            context.update(_sessions_page(request, sessions, form.query()))
            for session in context["page"].object_list:
                session.distance_m = distances.get(session.activity.place_id)
    elif not form.is_bound:
        context.update(_sessions_page(request, Session.objects.public().upcoming(), ""))
    status = 400 if form.errors else 200
    return render(request, "activities/list.html", context, status=status)


def _sessions_page(request, sessions, query: str) -> dict:
    sessions = (
        sessions.with_seats()
        .select_related("activity__place", "activity__organisation")
        .order_by("start", "activity__title", "pk")
    )
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return {"page": page, "query": query}


@require_safe
def activity(request, pk):
    found = get_object_or_404(
        Activity.objects.public().select_related("place__building", "organisation"), pk=pk
    )
    sessions = found.sessions.upcoming().with_seats().order_by("start")[: SESSIONS_PER_PAGE * 2]
    return render(request, "activities/activity.html", {"activity": found, "sessions": sessions})


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request, pk):
    session = get_object_or_404(
        Session.objects.public().with_seats().select_related("activity__place"), pk=pk
    )
    activity = session.activity
    now = timezone.now()
    closed = _why_closed(session, now)
    series_possible = not closed and _series_possible(session, now)
    language = translation.get_language() or settings.LANGUAGE_CODE
    status = 200
    if request.method == "POST":
        if _too_many(request):
            return _too_many_page(request)
        form = SignUpForm(request.POST, series_possible=series_possible)
        if form.is_valid():
            person = form.person(language)
            try:
                if series_possible and form.wants_series:
                    made = rules.sign_up_series(activity, person, now=now, first=session)[0]
                else:
                    made = rules.sign_up(session, person, now=now)
            except rules.SignUpError as error:
                form.add_rule_error(error)
            else:
                return see_other(links.signup_path(made))
        status = 400
    else:
        form = SignUpForm(series_possible=series_possible)
    context = {
        "session": session,
        "activity": activity,
        "form": form,
        "closed": closed,
        "retention_days": settings.NAOBER_SIGNUP_RETENTION_DAYS,
    }
    return render(request, "activities/sign_up.html", context, status=status)


def _why_closed(session: Session, now) -> str:
    """Why nobody can sign up for this session, or "" when they can."""
    if session.is_cancelled:
        return _("This session does not go ahead: %(reason)s") % {"reason": session.cancel_reason}
    if session.has_started(now):
        return _("This session has already started. You can no longer sign up for it.")
    if not session.activity.signup_required:
        return _("No need to sign up for this activity: just walk in.")
    return ""


def _series_possible(session: Session, now) -> bool:
    """Offer "this one and every one after it" when there is at least one after it."""
    return (
        session.activity.sessions.filter(start__gt=max(now, session.start), cancel_reason="")
        .exclude(pk=session.pk)
        .exists()
    )


@require_safe
@never_cache
def signup(request, token):
    try:
        found = links.signup_from_token(token)
    except links.LinkError as error:
        return _link_error_page(request, token, error)
    return _signup_page(request, found, token)


@require_POST
@never_cache
def cancel(request, token):
    if _too_many(request):
        return _too_many_page(request)
    try:
        found = links.signup_from_token(token)
    except links.LinkError as error:
        return _link_error_page(request, token, error)
    try:
        if request.POST.get("which") == "series":
            rules.cancel_series(found)
        else:
            rules.cancel(found)
    except rules.SignUpError as error:
        return _signup_page(request, found, token, error=error.message, status=400)
    return see_other(reverse("activities:signup", args=[token]))


@require_POST
@never_cache
def confirm(request, token):
    if _too_many(request):
        return _too_many_page(request)
    try:
        found = links.signup_from_token(token)
    except links.LinkError as error:
        return _link_error_page(request, token, error)
    try:
        rules.confirm_offer(found)
    except rules.SignUpError as error:
        return _signup_page(request, found, token, error=error.message, status=400)
    return see_other(reverse("activities:signup", args=[token]))


def _signup_page(request, found: SignUp, token: str, *, error: str = "", status: int = 200):
    found.refresh_from_db()
    session = found.session
    now = timezone.now()
    series = []
    if found.series:
        series = list(
            SignUp.objects.filter(series=found.series)
            .select_related("session")
            .order_by("session__start", "pk")
        )
    cancellable = found.status in ACTIVE and not session.has_started(now)
    series_left = [
        row
        for row in series
        if row.status in ACTIVE
        and not row.session.has_started(now)
        and row.session.start >= session.start
    ]
    context = {
        "signup": found,
        "session": session,
        "activity": session.activity,
        "place": session.activity.place,
        "token": token,
        "phone": readable_phone(found.phone),
        "line_number": found.place_in_line(),
        "series": [(row, links.signup_path(row), row.place_in_line()) for row in series],
        "can_cancel": cancellable,
        "can_cancel_series": cancellable and len(series_left) > 1,
        "can_confirm": found.status == SignUpStatus.OFFERED,
        "error": error,
    }
    return render(request, "activities/signup.html", context, status=status)


def _link_error_page(request, token: str, error: links.LinkError):
    # A link whose signature holds but whose sign-up is gone (deleted with its session): 404.
    status = 404 if error.gone else 400
    return render(request, "activities/link_error.html", {"message": str(error)}, status=status)


def _too_many(request) -> bool:
    return is_ratelimited(
        request,
        group="activities.signup",
        key="ip",
        rate=settings.NAOBER_SIGNUP_RATE,
        increment=True,
    )


def _too_many_page(request):
    return render(request, "activities/too_many.html", status=429)


@require_safe
@public_page
def place_calendar(request, slug):
    place = get_object_or_404(Place.objects.public().select_related("building"), slug=slug)
    body = feeds.place_activities_feed(place, today())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{place.slug}-activities.ics"'
    return response

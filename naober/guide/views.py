"""The public guide: search, a place's page, a municipality's overview and the calendar feeds.

Each view parses its input, asks one rule module (places.search, schedules.openings,
schedules.feeds) and renders; arranging openings for display is in agenda.py.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from naober.activities.models import Session
from naober.places.constants import ThemeCode
from naober.places.models import Municipality, Place
from naober.places.search import SearchError, search_places
from naober.schedules import feeds
from naober.schedules.openings import current_or_next, openings, openings_for, today

from . import agenda
from .caching import public_page
from .forms import PeriodForm, SearchForm

RESULTS_PER_PAGE = 10
# How far ahead the place page lists closures and holidays.
CLOSURES_AHEAD_DAYS = 92
# The coming sessions of activities on the place page; the rest are a link away.
ACTIVITY_SESSIONS_SHOWN = 8


@require_safe
@public_page
def home(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "uses_postcodes": True, "today": today()}
    status = 200
    if form.is_bound and form.is_search():
        context["searched"] = True
        if form.is_valid():
            try:
                result = search_places(q=form.cleaned_data["q"], theme=form.cleaned_data["theme"])
            except SearchError as error:
                form.add_error("q", str(error))
            else:
                page = Paginator(result.places, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                places = list(page.object_list)
                upcoming = current_or_next(places, theme=result.theme)
                query = {"q": form.cleaned_data["q"], "theme": form.cleaned_data["theme"]}
                context.update(
                    result=result,
                    page=page,
                    rows=[(place, upcoming.get(place.pk)) for place in places],
                    query=urlencode(query),
                    theme_label=ThemeCode(result.theme).label if result.theme else "",
                )
        if form.errors:
            status = 400
    if "result" not in context:
        context["municipalities"] = (
            Municipality.objects.annotate(
                place_count=Count("places", filter=Q(places__is_public=True))
            )
            .filter(place_count__gt=0)
            .order_by("name")
        )
    return render(request, "guide/home.html", context, status=status)


@require_safe
@public_page
def place(request, slug):
    place = get_object_or_404(
        Place.objects.public().select_related("building", "municipality"), slug=slug
    )
    first_day = today()
    monday = first_day - timedelta(days=first_day.weekday())
    last_day = max(monday + timedelta(days=13), first_day + timedelta(days=CLOSURES_AHEAD_DAYS))
    found = openings(place, monday, last_day)
    return render(
        request,
        "guide/place.html",
        {
            "place": place,
            "building": place.building,
            "organisations": place.organisations.all(),
            "today": first_day,
            "weeks": agenda.weeks(found, monday, count=2),
            "closed_periods": agenda.closed_periods(found, since=first_day),
            "hours": agenda.regular_hours(place, first_day, last_day),
            "presence": agenda.presence(place, first_day, last_day),
            # Seats change by the minute and this page is cached: the sessions only say whether
            # to sign up, and link to the activity's page, which has the seats left.
            "sessions": Session.objects.public()
            .upcoming()
            .filter(activity__place=place)
            .select_related("activity")
            .order_by("start", "activity__title")[:ACTIVITY_SESSIONS_SHOWN],
            "map_tiles_url": settings.NAOBER_MAP_TILES_URL,
            "map_attribution": settings.NAOBER_MAP_ATTRIBUTION,
        },
    )


@require_safe
@public_page
def overview(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    first_day = today()
    form = PeriodForm(request.GET or None, today=first_day)
    context = {"municipality": municipality, "form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "guide/overview.html", context, status=400)
    start = form.cleaned_data["start"] if form.is_bound else first_day.replace(day=1)
    months = (form.cleaned_data["months"] or 1) if form.is_bound else 1
    end = _month_end(start, months)
    places = list(
        municipality.places.public().select_related("building").order_by("village", "name")
    )
    found = openings_for(places, start, end)
    villages: dict[str, list] = {}
    for each in places:
        items = found[each.pk]
        villages.setdefault(each.village, []).append(
            {
                "place": each,
                "hours": agenda.regular_hours(each, start, end),
                "presence": agenda.presence(each, start, end),
                "open": [o for o in items if o.is_open],
                "closed": agenda.closed_periods(items),
            }
        )
    context.update(
        start=start,
        end=end,
        months=months,
        villages=sorted(villages.items()),
        previous=_shift(start, -months),
        next=_shift(start, months),
    )
    return render(request, "guide/overview.html", context)


def _month_end(start, months: int):
    """The last day of the period of `months` months beginning on the first day `start`."""
    return start + relativedelta(months=months) - timedelta(days=1)


def _shift(start, months: int) -> str:
    return (start + relativedelta(months=months)).strftime("%Y-%m")


@require_safe
@public_page
def place_calendar(request, slug):
    place = get_object_or_404(Place.objects.public(), slug=slug)
    start, end = feeds.feed_window(today())
    return _calendar_response(feeds.place_feed(place, start, end), place.slug)


@require_safe
@public_page
def municipality_calendar(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    start, end = feeds.feed_window(today())
    return _calendar_response(feeds.municipality_feed(municipality, start, end), municipality.slug)


def _calendar_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response

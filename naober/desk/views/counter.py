"""The host's day: a tablet page per place and day with who is there, the day's count, and the
visit counter.

Counting takes two touches. "Visit +1" posts a fresh key (rendered into the form each time the
page is shown) and comes back with `?visit=<id>#theme`, where the themes wait as big buttons for
that visit; choosing one (or none, or undo) comes back at `#counter`, ready for the next visitor.
Every touch is a POST answered with 303, so a reload never counts again, and the same key sent
twice counts once (visits.count_visit)."""

import uuid
from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from naober.accounts import access
from naober.accounts.decorators import staff_required
from naober.activities.attendance import sessions_of_day
from naober.places.models import Place, Theme
from naober.responses import see_other
from naober.schedules.openings import THEME_ORDER, openings, today

from .. import visits
from ..models import Visit


def _place(request, slug: str) -> Place:
    # Only this person's desks: another host's place is simply not there (404).
    return get_object_or_404(access.desk_places(request.user), slug=slug)


def _visit(place: Place, day: date, pk) -> Visit:
    """A visit counted at this place on this day; any other id, or none at all, is a 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Visit.objects.select_related("theme"), pk=pk, place=place, day=day)


def _themes() -> list[Theme]:
    return sorted(Theme.objects.all(), key=lambda theme: THEME_ORDER.get(theme.code, 99))


def _desk_url(place: Place, day: date, *, visit: Visit | None = None, fragment: str = "") -> str:
    url = reverse("desk:desk", args=[place.slug, day])
    if visit is not None:
        url += f"?visit={visit.pk}"
    return url + (f"#{fragment}" if fragment else "")


def _render_desk(request, place, day, *, visit=None, error="", theme_error="", status=200):
    themes = _themes()
    total, per_theme = visits.day_counts(place, day)
    context = {
        "place": place,
        "day": day,
        "today": today(),
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "openings": openings(place, day, day),
        "activity_sessions": sessions_of_day(place, day),
        "total": total,
        "theme_counts": [(t, per_theme[t.code]) for t in themes if per_theme[t.code]],
        "without_theme": per_theme[""],
        "themes": themes,
        "visit": visit,
        "recent": Visit.objects.filter(place=place, day=day).select_related("theme"),
        # A fresh key each time the page is shown: one touch of "Visit +1", one visit.
        "key": uuid.uuid4(),
        "can_count": day <= today(),
        # What went wrong with "Visit +1", or with choosing the theme of `visit`.
        "error": error,
        "theme_error": theme_error,
    }
    return render(request, "desk/desk.html", context, status=status)


@staff_required
def desks(request):
    places = access.desk_places(request.user).order_by("name")
    return render(request, "desk/desks.html", {"places": places, "today": today()})


@staff_required
def desk(request, slug: str, day: date | None = None):
    place = _place(request, slug)
    day = day or today()
    visit = _visit(place, day, request.GET["visit"]) if "visit" in request.GET else None
    return _render_desk(request, place, day, visit=visit)


def _refused(request, place, day, message, *, visit=None):
    """The desk again with what went wrong and what to do next; nothing was changed (400)."""
    errors = {"theme_error": message} if visit is not None else {"error": message}
    return _render_desk(request, place, day, visit=visit, status=400, **errors)


@staff_required
@require_POST
def count(request, slug: str, day: date):
    place = _place(request, slug)
    if day > today():
        return _refused(
            request, place, day, _("This day has not come yet: visits cannot be counted.")
        )
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        return _refused(
            request,
            place,
            day,
            _("This visit was not counted: the page was incomplete. Press “Visit +1” again."),
        )
    visit, _created = visits.count_visit(place, day, key=key, by=request.user, request=request)
    if visit.place_id != place.pk or visit.day != day:
        # The key already counted a visit elsewhere: this touch did not come from this page.
        return _refused(
            request,
            place,
            day,
            _("This visit was not counted: the page was out of date. Press “Visit +1” again."),
        )
    return see_other(_desk_url(place, day, visit=visit, fragment="theme"))


@staff_required
@require_POST
def visit_theme(request, slug: str, day: date, visit: int):
    place = _place(request, slug)
    visit = _visit(place, day, visit)
    # "" is the "No theme" button; no value at all, or an unknown code, did not come from it.
    code = request.POST.get("theme")
    theme = Theme.objects.filter(code=code).first() if code else None
    if code is None or (code and theme is None):
        return _refused(
            request,
            place,
            day,
            _("This theme does not exist. Choose one of the buttons."),
            visit=visit,
        )
    if visit.undone_at is not None:
        return _refused(
            request,
            place,
            day,
            _("This visit was taken back, so it has no theme. Count it again if needed."),
            visit=visit,
        )
    visits.set_theme(visit, theme, by=request.user, request=request)
    return see_other(_desk_url(place, day, fragment="counter"))


@staff_required
@require_POST
def visit_undo(request, slug: str, day: date, visit: int):
    place = _place(request, slug)
    visit = _visit(place, day, visit)
    visits.undo(visit, by=request.user, request=request)
    return see_other(_desk_url(place, day, fragment="counter"))

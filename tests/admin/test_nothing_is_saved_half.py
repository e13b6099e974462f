"""A place and its rows are saved together or not at all: one bad row keeps everything as it
was, and the page comes back with what the coordinator typed."""

from datetime import date, time

import pytest

from naober.places.models import Place
from naober.schedules.models import Closure, ExtraOpening, OpeningRule

from .browser import errors_next_to, form_data
from .editing import fill, in_dutch, open_place, row


@pytest.fixture
def edit(staff, nieuw_buinen):
    """A change to the name, the opening hours and a new extra opening, all of them fine."""
    url, data = open_place(staff, nieuw_buinen)
    data["name"] = ["Buurtkamer Nieuw-Buinen Noord"]
    opening = row(data, "opening_rules", nieuw_buinen.opening_rules.get().pk)
    fill(data, opening, start_time="10:00")
    extra = row(data, "extra_openings")
    fill(data, extra, date="19-12-2026", start_time="14:00", end_time="16:00", reason="Kerstmarkt")
    return url, data, opening, extra


def snapshot():
    return (
        list(Place.objects.values_list("name", flat=True)),
        list(OpeningRule.objects.values_list("start_time", "end_time")),
        list(ExtraOpening.objects.values_list("date", "reason")),
        list(Closure.objects.values_list("start_date", "reason")),
    )


def test_the_good_changes_alone_are_saved(staff, edit):
    url, data, _, _ = edit
    response = staff.post(url, data)
    assert response.status_code == 302
    assert snapshot() == (
        ["Buurtkamer Nieuw-Buinen Noord"],
        [(time(10), time(12))],
        [(date(2026, 12, 19), "Kerstmarkt")],
        [],
    )


def test_one_bad_row_keeps_the_place_and_every_other_row_as_it_was(staff, edit):
    url, data, opening, extra = edit
    before = snapshot()
    closure = row(data, "closures")
    fill(data, closure, start_date="20-07-2026", end_date="10-07-2026", reason="Zomerstop")

    response = staff.post(url, data)

    assert response.status_code == 200
    assert errors_next_to(response, f"{closure}-end_date") == [
        in_dutch(
            "The closure ends before it starts: choose a date on or after %(start)s.",
            start="20-07-2026",
        )
    ]
    assert snapshot() == before
    assert before[0] == ["Buurtkamer Nieuw-Buinen"]


def test_after_a_refusal_the_form_shows_what_was_typed(staff, edit):
    url, data, opening, extra = edit
    closure = row(data, "closures")
    fill(data, closure, start_date="20-07-2026", end_date="10-07-2026", reason="Zomerstop")

    shown = form_data(staff.post(url, data), "place_form")

    for key in (
        "name",
        f"{opening}-start_time",
        f"{extra}-date",
        f"{extra}-reason",
        f"{closure}-start_date",
        f"{closure}-end_date",
        f"{closure}-reason",
    ):
        assert shown[key] == data[key], key

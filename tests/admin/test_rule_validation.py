"""An impossible or reversed rule gets a clear message next to the field that is wrong, and is
not saved."""

from datetime import time

import pytest

from naober.schedules.models import OpeningRule, PresenceRule

from .browser import errors_next_to
from .editing import fill, in_dutch, open_place, row


@pytest.fixture
def weekday_rule(nieuw_buinen) -> OpeningRule:
    return nieuw_buinen.opening_rules.get()


def post_rule_change(client, place, prefix: str, pk: int, **values):
    url, data = open_place(client, place)
    at = row(data, prefix, pk)
    fill(data, at, **values)
    return client.post(url, data), at


def test_opening_that_ends_before_it_starts_is_refused_at_the_end_time(
    staff, nieuw_buinen, weekday_rule
):
    response, at = post_rule_change(
        staff, nieuw_buinen, "opening_rules", weekday_rule.pk, start_time="12:00", end_time="09:00"
    )
    assert response.status_code == 200
    assert errors_next_to(response, f"{at}-end_time") == [
        in_dutch("The end time must be after the start time (%(start)s).", start="12:00")
    ]
    weekday_rule.refresh_from_db()
    assert (weekday_rule.start_time, weekday_rule.end_time) == (time(9), time(12))


def test_rule_valid_until_before_valid_from_is_refused_at_valid_until(
    staff, nieuw_buinen, weekday_rule
):
    response, at = post_rule_change(
        staff, nieuw_buinen, "opening_rules", weekday_rule.pk, valid_until="31-12-2025"
    )
    assert errors_next_to(response, f"{at}-valid_until") == [
        in_dutch(
            "The rule ends before it starts: choose a date on or after %(start)s.",
            start="01-01-2026",
        )
    ]
    weekday_rule.refresh_from_db()
    assert weekday_rule.valid_until is None


def test_monthly_rule_without_a_week_of_the_month_is_refused(staff, nieuw_buinen, weekday_rule):
    response, at = post_rule_change(
        staff, nieuw_buinen, "opening_rules", weekday_rule.pk, frequency="monthly"
    )
    assert errors_next_to(response, f"{at}-week_of_month") == [
        in_dutch("A monthly rule needs the week: for example the first or the last.")
    ]
    weekday_rule.refresh_from_db()
    assert weekday_rule.frequency == "weekly"


def test_weekly_rule_with_a_week_of_the_month_is_refused(staff, nieuw_buinen, weekday_rule):
    response, at = post_rule_change(
        staff, nieuw_buinen, "opening_rules", weekday_rule.pk, week_of_month="-1"
    )
    assert errors_next_to(response, f"{at}-week_of_month") == [
        in_dutch("Leave this empty for a weekly rule, or choose monthly.")
    ]
    weekday_rule.refresh_from_db()
    assert weekday_rule.week_of_month is None


def test_a_fifth_week_of_the_month_cannot_be_chosen(staff, nieuw_buinen, weekday_rule):
    response, at = post_rule_change(
        staff,
        nieuw_buinen,
        "opening_rules",
        weekday_rule.pk,
        frequency="monthly",
        week_of_month="5",
    )
    [message] = errors_next_to(response, f"{at}-week_of_month")
    assert "geldige keuze" in message  # Django's own "Selecteer een geldige keuze."
    weekday_rule.refresh_from_db()
    assert (weekday_rule.frequency, weekday_rule.week_of_month) == ("weekly", None)


def test_rule_without_any_day_of_the_week_is_refused_at_the_days(staff, nieuw_buinen, weekday_rule):
    response, at = post_rule_change(
        staff, nieuw_buinen, "opening_rules", weekday_rule.pk, weekdays=None
    )
    assert errors_next_to(response, f"{at}-weekdays") == [
        in_dutch("Choose at least one day of the week.")
    ]
    weekday_rule.refresh_from_db()
    assert weekday_rule.weekdays == [0, 1, 2, 3, 4]


def test_presence_that_ends_before_it_starts_is_refused_at_the_end_time(staff, nieuw_buinen):
    language_help = PresenceRule.objects.get(place=nieuw_buinen, theme__code="language")
    response, at = post_rule_change(
        staff, nieuw_buinen, "presence_rules", language_help.pk, end_time="08:30"
    )
    assert errors_next_to(response, f"{at}-end_time") == [
        in_dutch("The end time must be after the start time (%(start)s).", start="09:00")
    ]
    language_help.refresh_from_db()
    assert language_help.end_time == time(12)


def test_presence_with_a_start_but_no_end_is_refused_at_the_end_time(staff, nieuw_buinen):
    lefier = PresenceRule.objects.get(place=nieuw_buinen, organisation__name="Lefier")
    response, at = post_rule_change(
        staff, nieuw_buinen, "presence_rules", lefier.pk, start_time="10:00"
    )
    assert errors_next_to(response, f"{at}-end_time") == [
        in_dutch("Give both a start and an end time, or neither.")
    ]


def test_presence_of_nobody_is_refused_at_the_organisation(staff, nieuw_buinen):
    lefier = PresenceRule.objects.get(place=nieuw_buinen, organisation__name="Lefier")
    response, at = post_rule_change(
        staff, nieuw_buinen, "presence_rules", lefier.pk, organisation=None
    )
    assert errors_next_to(response, f"{at}-organisation") == [
        in_dutch("Choose an organisation, a theme, or both: who is present?")
    ]
    lefier.refresh_from_db()
    assert lefier.organisation.name == "Lefier"


def test_every_problem_of_a_rule_is_shown_at_once(staff, nieuw_buinen, weekday_rule):
    response, at = post_rule_change(
        staff,
        nieuw_buinen,
        "opening_rules",
        weekday_rule.pk,
        weekdays=None,
        end_time="08:00",
        valid_until="01-12-2025",
    )
    assert errors_next_to(response, f"{at}-weekdays")
    assert errors_next_to(response, f"{at}-end_time")
    assert errors_next_to(response, f"{at}-valid_until")


def test_closure_that_ends_before_it_starts_is_refused_at_the_end_date(staff, nieuw_buinen):
    url, data = open_place(staff, nieuw_buinen)
    at = row(data, "closures")
    fill(data, at, start_date="20-07-2026", end_date="10-07-2026", reason="Zomerstop")
    response = staff.post(url, data)
    assert errors_next_to(response, f"{at}-end_date") == [
        in_dutch(
            "The closure ends before it starts: choose a date on or after %(start)s.",
            start="20-07-2026",
        )
    ]
    assert not nieuw_buinen.closures.exists()


def test_extra_opening_that_ends_before_it_starts_is_refused_at_the_end_time(staff, nieuw_buinen):
    url, data = open_place(staff, nieuw_buinen)
    at = row(data, "extra_openings")
    fill(data, at, date="19-12-2026", start_time="14:00", end_time="13:00", reason="Kerstmarkt")
    response = staff.post(url, data)
    assert errors_next_to(response, f"{at}-end_time") == [
        in_dutch("The end time must be after the start time (%(start)s).", start="14:00")
    ]
    assert not nieuw_buinen.extra_openings.exists()

"""The place's page shows the next openings as residents will see them, and links to the
public page."""

from datetime import date, datetime

import pytest
import time_machine

from naober.schedules.models import Closure, OpeningRule
from naober.schedules.recurrence import AMSTERDAM

from .editing import in_dutch, place_url


@pytest.fixture
def monday_before_kings_day():
    with time_machine.travel(datetime(2026, 4, 20, 8, 0, tzinfo=AMSTERDAM), tick=False):
        yield


def preview(page: str) -> list[str]:
    block = page.split('class="form-row field-upcoming_openings"')[1].split("</ul>")[0]
    return [item.split("</li>")[0] for item in block.split("<li>")[1:]]


def test_preview_lists_the_next_ten_openings_with_who_is_there(
    staff, nieuw_buinen, monday_before_kings_day
):
    lines = preview(staff.get(place_url(nieuw_buinen)).content.decode())
    assert len(lines) == 10
    assert lines[0].startswith("maandag 20 april 09:00–12:00")
    assert "Lefier" in lines[0]
    assert "Lefier" not in lines[1]
    assert lines[-1].startswith("vrijdag 1 mei")


def test_preview_shows_a_holiday_and_a_cancellation_as_closed_with_the_reason(
    staff, nieuw_buinen, monday_before_kings_day
):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 4, 22),
        end_date=date(2026, 4, 22),
        reason="De gastvrouw is ziek",
    )
    lines = preview(staff.get(place_url(nieuw_buinen)).content.decode())
    assert lines[2] == in_dutch(
        "%(when)s: closed (%(reason)s)",
        when="woensdag 22 april 09:00–12:00",
        reason="De gastvrouw is ziek",
    )
    assert lines[5] == in_dutch(
        "%(when)s: closed (%(reason)s)", when="maandag 27 april 09:00–12:00", reason="Koningsdag"
    )


def test_page_warns_about_a_rule_saved_without_checks(staff, nieuw_buinen, monday_before_kings_day):
    OpeningRule.objects.filter(place=nieuw_buinen).update(frequency="monthly")
    response = staff.get(place_url(nieuw_buinen))
    page = response.content.decode()
    assert response.status_code == 200
    assert in_dutch("One of the rules below cannot happen and is left out; correct it.") in page
    assert in_dutch("rule not complete yet") in page


def test_page_links_to_the_place_as_residents_see_it(staff, nieuw_buinen):
    page = staff.get(place_url(nieuw_buinen)).content.decode()
    assert f'<a href="{nieuw_buinen.get_absolute_url()}" class="viewsitelink">' in page


def test_hidden_place_has_no_link_to_a_public_page(staff, nieuw_buinen):
    nieuw_buinen.is_public = False
    nieuw_buinen.save()
    page = staff.get(place_url(nieuw_buinen)).content.decode()
    assert 'class="viewsitelink"' not in page

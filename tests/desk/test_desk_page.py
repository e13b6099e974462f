"""The host's desk page: my desks, and per place and day whether it is open, who is there, and
the day's count. Today is Amsterdam's today."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from naober.schedules.models import Closure
from tests.staff import login

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NIEUW_BUINEN = "/en/balie/buurtkamer-nieuw-buinen/"


@pytest.fixture
def host(client, host_nieuw_buinen):
    return login(client, host_nieuw_buinen)


def text(response) -> str:
    """The page as a person reads it: tags gone, spaces collapsed."""
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_my_desks_lists_my_places_each_with_a_link_to_today(host, nieuw_buinen, wolfsbos):
    response = host.get("/en/balie/")

    assert "Buurtkamer Nieuw-Buinen" in text(response)
    assert "Wolfsbos" not in text(response)
    assert f'href="{NIEUW_BUINEN}"' in response.content.decode()


def test_someone_without_a_desk_reads_that_in_a_sentence(client, coordinator_andes, nieuw_buinen):
    login(client, coordinator_andes)

    page = text(client.get("/en/balie/"))

    assert "You do not keep a desk at any place yet." in page


@time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=AMSTERDAM))
def test_on_the_first_monday_lefier_and_the_police_are_there(host):
    page = text(host.get(NIEUW_BUINEN))

    assert "Monday 2 March 2026 (today)" in page
    assert "Open 9:00–12:00" in page
    assert "Present: Andes, Lefier, Politie Drenthe" in page


@time_machine.travel(datetime(2026, 3, 5, 9, 30, tzinfo=AMSTERDAM))
def test_on_thursday_there_is_language_help_and_no_lefier(host):
    page = text(host.get(NIEUW_BUINEN))

    assert "Thursday 5 March 2026 (today)" in page
    assert "Present: Andes" in page
    assert "Lefier" not in page
    assert "Language, numeracy and computers" in page.split("Count a visit")[0]


@time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=AMSTERDAM))
def test_any_other_day_can_be_looked_at_with_links_to_the_days_around_it(host):
    response = host.get(NIEUW_BUINEN + "2026-03-09/")
    html = response.content.decode()

    assert "Monday 9 March 2026" in text(response) and "(today)" not in text(response)
    assert "Present: Andes, Lefier" in text(response) and "Politie" not in text(response)
    assert f'href="{NIEUW_BUINEN}2026-03-08/"' in html
    assert f'href="{NIEUW_BUINEN}2026-03-10/"' in html
    assert f'href="{NIEUW_BUINEN}">Today</a>' in html


@time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=AMSTERDAM))
def test_a_closed_day_says_why_and_a_weekend_says_it_is_not_open(host, nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 3, 4),
        end_date=date(2026, 3, 4),
        reason="The host is on a course",
    )

    assert "Closed 9:00–12:00 : The host is on a course" in text(
        host.get(NIEUW_BUINEN + "2026-03-04/")
    )
    assert "Not open on this day." in text(host.get(NIEUW_BUINEN + "2026-03-07/"))


@time_machine.travel(datetime(2026, 3, 3, 0, 30, tzinfo=AMSTERDAM))
def test_today_is_amsterdams_today_also_just_after_midnight(host):
    # Still Monday in UTC (23:30), already Tuesday at the desk.
    assert "Tuesday 3 March 2026 (today)" in text(host.get(NIEUW_BUINEN))


def test_an_impossible_day_is_not_found(host):
    assert host.get(NIEUW_BUINEN + "2026-02-30/").status_code == 404


def test_the_desk_offers_the_way_to_record_a_question_for_a_partner(host):
    html = host.get(NIEUW_BUINEN).content.decode()

    assert 'href="/en/balie/buurtkamer-nieuw-buinen/vraag/"' in html
    assert "Record a question for a partner" in html


def test_the_desk_page_has_no_inline_script_or_style(host):
    html = host.get(NIEUW_BUINEN).content.decode()

    assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
    assert "style=" not in html

"""The coordinator's figures for the council: visits per place and theme in a quarter, and the
network's referrals per receiving organisation and status. Counts only."""

from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from naober.desk.constants import Status
from naober.desk.figures import Quarter
from naober.desk.models import Visit
from naober.desk.referrals import change_status
from naober.places.constants import PlaceKind
from naober.places.models import Building, Place, Theme
from tests.staff import login

# Monday 23 November 2026, in the fourth quarter.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def english(name) -> str:
    with translation.override("en"):
        return reverse(name)


class Tables(HTMLParser):
    """Each table on the page: its caption and its rows, a row being (tag, scope, text) per cell."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[dict] = []
        self._cell = None
        self._in_caption = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = [tag, dict(attrs).get("scope"), ""]

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None:
            self._cell[2] = " ".join(self._cell[2].split())
            self.tables[-1]["rows"][-1].append(tuple(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell[2] += data

    def table(self, caption_start: str) -> list[list[str]]:
        (table,) = [t for t in self.tables if t["caption"].strip().startswith(caption_start)]
        return [[text for _, _, text in row] for row in table["rows"]]


@pytest.fixture
def borger(borger_odoorn, andes):
    building = Building.objects.create(
        name="Dorpshuis Borger",
        street_address="Hoofdstraat 1",
        postcode="9531 AA",
        town="Borger",
        latitude=52.9235,
        longitude=6.7933,
    )
    place = Place.objects.create(
        name="Ontmoetingsplek Borger",
        slug="ontmoetingsplek-borger",
        kind=PlaceKind.MEETING_PLACE,
        building=building,
        municipality=borger_odoorn,
        village="Borger",
    )
    place.organisations.add(andes)
    return place


@pytest.fixture
def visits(nieuw_buinen, borger, wolfsbos):
    housing = Theme.objects.get(code="housing")
    money = Theme.objects.get(code="money")

    def count(place, day, theme=None, **more):
        return Visit.objects.create(place=place, day=day, theme=theme, **more)

    count(nieuw_buinen, date(2026, 10, 1), housing)
    count(nieuw_buinen, date(2026, 11, 23), housing)
    count(nieuw_buinen, date(2026, 12, 31), money)
    count(nieuw_buinen, date(2026, 11, 2))
    count(nieuw_buinen, date(2026, 11, 2), money, undone_at=timezone.now())  # taken back
    count(nieuw_buinen, date(2026, 9, 30), money)  # the third quarter
    count(borger, date(2026, 11, 5), money)
    count(wolfsbos, date(2026, 11, 5), housing)  # Hoogeveen: another network


def figures(client, **query):
    response = client.get(english("desk:figures"), query)
    assert response.status_code == 200
    return response, Tables(response.content.decode())


def test_the_coordinator_sees_visits_per_place_and_theme_in_the_quarter(
    client, coordinator_andes, visits
):
    login(client, coordinator_andes)

    _, tables = figures(client, quarter="2026-Q4")

    assert tables.table("Visits per place and theme, Q4 2026") == [
        ["Place", "Housing", "Money and debt", "No theme", "Total"],
        ["Ontmoetingsplek Borger (Borger)", "0", "1", "0", "1"],
        ["Buurtkamer Nieuw-Buinen (Nieuw-Buinen)", "2", "1", "1", "4"],
        ["Total", "2", "2", "1", "5"],
    ]


def test_another_quarter_counts_its_own_visits(client, coordinator_andes, visits):
    login(client, coordinator_andes)

    _, tables = figures(client, quarter="2026-Q3")

    assert tables.table("Visits per place and theme, Q3 2026")[-1] == ["Total", "1", "1"]


def test_the_tables_have_captions_and_headers_for_screen_readers(
    client, coordinator_andes, visits, referral_to_lefier
):
    login(client, coordinator_andes)

    _, tables = figures(client)

    for table in tables.tables:
        assert table["caption"].strip()
        header, *rows = table["rows"]
        assert {scope for _, scope, _ in header} == {"col"}
        assert all(row[0][:2] == ("th", "row") for row in rows)


def test_without_a_quarter_the_current_one_is_shown(client, coordinator_andes, visits):
    login(client, coordinator_andes)

    response, tables = figures(client)

    assert response.context["quarter"] == Quarter(2026, 4)
    assert tables.table("Visits per place and theme, Q4 2026")[-1][-1] == "5"


@pytest.mark.parametrize("bad", ["2026-Q5", "Q4-2026", "2026-13", "gisteren", "9999-Q4", "0000-Q1"])
def test_a_quarter_that_does_not_exist_gives_a_message_and_the_current_quarter(
    client, coordinator_andes, visits, bad
):
    login(client, coordinator_andes)

    response, tables = figures(client, quarter=bad)

    page = response.content.decode()
    assert "Write the quarter like 2026-Q4. Showing the current quarter." in page
    assert 'aria-describedby="quarter_error"' in page
    assert tables.table("Visits per place and theme, Q4 2026")[-1][-1] == "5"


def test_referrals_are_counted_per_receiving_organisation_and_status_without_content(
    client, coordinator_andes, referral_to_lefier, lefier_consultant
):
    change_status(referral_to_lefier, Status.ACCEPTED, by=lefier_consultant)
    login(client, coordinator_andes)

    response, tables = figures(client, quarter="2026-Q4")

    assert tables.table("Referrals per receiving organisation and status, Q4 2026") == [
        [
            "Referred to",
            "Referred",
            "Accepted",
            "Resident contacted",
            "Closed",
            "Declined",
            "Total",
        ],
        ["Lefier", "0", "1", "0", "0", "0", "1"],
        ["Total", "0", "1", "0", "0", "0", "1"],
    ]
    page = response.content.decode()
    for personal in ("Het dak lekt", "Jansen", "12345678", "ochtends"):
        assert personal not in page


def test_referrals_from_another_network_are_not_counted(
    client, coordinator_andes, host_wolfsbos, lefier_consultant, wolfsbos, lefier
):
    from naober.desk.constants import ContactMethod, LegalBasis, Urgency
    from naober.desk.referrals import Contact, refer

    refer(
        place=wolfsbos,
        to_organisation=lefier,
        theme=Theme.objects.get(code="housing"),
        description="Tocht langs de ramen.",
        urgency=Urgency.NORMAL,
        contact_method=ContactMethod.PHONE,
        contact=Contact(name="Meneer Bos", phone="0612121212"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=host_wolfsbos,
    )
    login(client, coordinator_andes)

    _, tables = figures(client, quarter="2026-Q4")

    assert tables.table("Referrals per receiving organisation and status")[-1][-1] == "0"


@pytest.mark.parametrize(
    "person", ["host_nieuw_buinen", "lefier_consultant", "police_officer", "superuser"]
)
def test_only_a_coordinator_sees_the_figures(db, client, request, person):
    login(client, request.getfixturevalue(person))

    assert client.get(english("desk:figures")).status_code == 403


@pytest.mark.parametrize(
    ("typed", "quarter"),
    [("2026-Q4", Quarter(2026, 4)), ("2027-q1", Quarter(2027, 1)), (" 2025-Q2 ", Quarter(2025, 2))],
)
def test_a_quarter_is_read_as_year_and_number(typed, quarter):
    assert Quarter.parse(typed) == quarter


def test_quarters_follow_each_other_across_the_new_year():
    assert Quarter(2026, 4).next == Quarter(2027, 1)
    assert Quarter(2027, 1).previous == Quarter(2026, 4)
    assert Quarter.containing(date(2026, 12, 31)) == Quarter(2026, 4)
    assert Quarter(2026, 4).first_day == date(2026, 10, 1)

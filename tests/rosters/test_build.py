"""From the network in the database to the solver's instance: the open mornings of the buurtkamer
in Nieuw-Buinen with what they need, its people with their hours, and the partners' shares."""

from datetime import date, datetime, time

import pytest

from naober.places.constants import PlaceKind
from naober.places.models import Building, Place
from naober.rosters import build, solver
from naober.rosters.models import Absence, RosterPolicy, Share, StaffingNeed
from naober.schedules.models import Closure, ExtraOpening, OpeningRule

# Monday 30 November to Friday 4 December 2026: the last Monday of November, so the police
# (first Monday of the month) are not promised; Monday 7 December they are.
WEEK = (date(2026, 11, 30), date(2026, 12, 4))
NEXT_WEEK = (date(2026, 12, 7), date(2026, 12, 11))


@pytest.fixture
def valthe(borger_odoorn, andes):
    """A second buurtkamer of the network, in Valthe, about 13 km from Nieuw-Buinen, open on
    Tuesday afternoons."""
    building = Building.objects.create(
        name="Dorpshuis Valthe",
        street_address="Hoofdstraat 1",
        postcode="7872 PA",
        town="Valthe",
        latitude=52.8469,
        longitude=6.8944,
    )
    place = Place.objects.create(
        name="Buurtkamer Valthe",
        slug="buurtkamer-valthe",
        kind=PlaceKind.BUURTKAMER,
        building=building,
        municipality=borger_odoorn,
        village="Valthe",
    )
    place.organisations.add(andes)
    OpeningRule.objects.create(
        place=place,
        weekdays=[1],
        valid_from=date(2026, 1, 1),
        start_time=time(13),
        end_time=time(16),
    )
    return place


def opening_ids(instance):
    return [o.id for o in instance.openings]


def by_day(instance, place) -> dict[date, solver.Opening]:
    return {o.start.date(): o for o in instance.openings if o.place == f"p{place.pk}"}


def test_each_open_morning_becomes_an_opening_keyed_as_the_calendar(nieuw_buinen, team):
    rule = nieuw_buinen.opening_rules.get()

    instance = build.instance_for(nieuw_buinen.municipality, *WEEK)

    assert opening_ids(instance) == [
        f"opening-{rule.pk}-{day:%Y%m%d}"
        for day in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2))
        + (date(2026, 12, 3), date(2026, 12, 4))
    ]
    monday = instance.openings[0]
    # Local wall-clock times, as the solver reads them.
    assert monday.start == datetime(2026, 11, 30, 9, 0)
    assert monday.end == datetime(2026, 11, 30, 12, 0)
    assert monday.place == f"p{nieuw_buinen.pk}"
    assert instance.places == [
        solver.Place(
            f"p{nieuw_buinen.pk}",
            nieuw_buinen.name,
            nieuw_buinen.building.x_rd,
            nieuw_buinen.building.y_rd,
        )
    ]
    assert 250_000 < instance.places[0].x < 260_000  # RD metres, not degrees


def test_without_a_staffing_need_an_opening_needs_one_host_per_promised_partner(
    nieuw_buinen, team, andes, lefier, settings
):
    settings.NAOBER_ROSTER_DEFAULT_PEOPLE = 1

    days = by_day(build.instance_for(nieuw_buinen.municipality, *WEEK), nieuw_buinen)

    tuesday, monday = days[date(2026, 12, 1)], days[date(2026, 11, 30)]
    assert (tuesday.people, tuesday.skills, tuesday.organisations) == (
        1,
        {"hosting": 1},
        (f"o{andes.pk}",),
    )
    # Andes and Lefier are both promised on Mondays: one person cannot be both.
    assert monday.people == 2
    assert sorted(monday.organisations) == sorted((f"o{andes.pk}", f"o{lefier.pk}"))


def test_the_need_of_the_opening_hours_wins_over_the_place_default(nieuw_buinen, valthe, team):
    StaffingNeed.objects.create(place=nieuw_buinen, people=3, skills={"hosting": 2})
    rule = nieuw_buinen.opening_rules.get()
    StaffingNeed.objects.create(
        place=nieuw_buinen, opening_rule=rule, people=4, skills={"first_aid": 1}
    )
    ExtraOpening.objects.create(
        place=nieuw_buinen, date=date(2026, 12, 5), start_time=time(10), end_time=time(12)
    )

    instance = build.instance_for(nieuw_buinen.municipality, *WEEK)
    days = by_day(instance, nieuw_buinen)
    extra = build.instance_for(nieuw_buinen.municipality, date(2026, 12, 5), date(2026, 12, 5))

    assert (days[date(2026, 12, 2)].people, days[date(2026, 12, 2)].skills) == (
        4,
        {"first_aid": 1},
    )
    # The Saturday extra opening has no rule: the place's default need.
    assert [(o.people, o.skills) for o in extra.openings] == [(3, {"hosting": 2})]
    # Valthe has no need at all: the default.
    assert [(o.people, o.skills) for o in by_day(instance, valthe).values()] == [
        (1, {"hosting": 1})
    ]


def test_a_closed_morning_is_not_staffed(nieuw_buinen, team):
    Closure.objects.create(
        place=nieuw_buinen, start_date=date(2026, 12, 2), end_date=date(2026, 12, 2), reason="Ill"
    )

    days = by_day(build.instance_for(nieuw_buinen.municipality, *WEEK), nieuw_buinen)

    assert sorted(days) == [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 3),
        date(2026, 12, 4),
    ]


def test_a_partner_promised_without_anyone_on_the_roster_is_a_warning_not_a_rule(
    nieuw_buinen, team, andes, lefier, police
):
    prepared = build.prepare(nieuw_buinen.municipality, *NEXT_WEEK)

    monday = by_day(prepared.instance, nieuw_buinen)[date(2026, 12, 7)]
    assert f"o{police.pk}" not in monday.organisations
    assert sorted(monday.organisations) == sorted((f"o{andes.pk}", f"o{lefier.pk}"))
    assert prepared.warnings == [
        {"code": "organisation_without_people", "organisation": "Politie Drenthe", "openings": 1}
    ]


def test_people_come_with_their_hours_absences_caps_and_places(nieuw_buinen, valthe, team):
    anke, vera = team["anke"], team["vera"]
    Absence.objects.create(person=anke, start_date=date(2026, 12, 2), end_date=date(2026, 12, 3))
    Absence.objects.create(person=anke, start_date=date(2027, 3, 1), end_date=date(2027, 3, 5))
    vera.home_village = "Valthe"
    vera.save()
    team["wim"].preferred_places.add(nieuw_buinen)

    people = {p.name: p for p in build.instance_for(nieuw_buinen.municipality, *WEEK).people}

    assert sorted(people) == ["Anke", "Lars", "Vera", "Wim"]
    assert people["Anke"].id == f"person-{anke.pk}"
    assert people["Anke"].organisation == f"o{anke.organisation_id}"
    assert people["Anke"].skills == frozenset({"hosting", "wmo"})
    assert people["Anke"].availability[0] == solver.Window(0, time(9), time(12))
    assert len(people["Anke"].availability) == 5
    # Only the absence within the period.
    assert people["Anke"].absences == (solver.Absence(date(2026, 12, 2), date(2026, 12, 3)),)
    assert (people["Anke"].max_per_week, people["Anke"].max_per_month) == (5, 20)
    assert people["Vera"].organisation is None
    # Vera chose no places: those of her home village.
    assert people["Vera"].preferred_places == frozenset({f"p{valthe.pk}"})
    assert people["Wim"].preferred_places == frozenset({f"p{nieuw_buinen.pk}"})
    assert people["Lars"].preferred_places == frozenset()


def test_someone_who_stopped_is_left_out(nieuw_buinen, team):
    team["lars"].is_active = False
    team["lars"].save()

    instance = build.instance_for(nieuw_buinen.municipality, *WEEK)

    assert "Lars" not in [p.name for p in instance.people]


def test_shares_and_the_distance_come_from_the_network(
    nieuw_buinen, valthe, team, lefier, borger_odoorn
):
    share = Share.objects.create(municipality=borger_odoorn, organisation=lefier, percent=20)
    share.places.add(nieuw_buinen)

    default = build.instance_for(borger_odoorn, *WEEK)
    RosterPolicy.objects.create(municipality=borger_odoorn, max_distance_km=8)
    strict = build.instance_for(borger_odoorn, *WEEK)

    assert default.shares == [
        solver.Share(f"o{lefier.pk}", 0.2, frozenset({f"p{nieuw_buinen.pk}"}))
    ]
    assert default.max_distance_m == 15_000
    assert strict.max_distance_m == 8_000
    assert default.organisations[f"o{lefier.pk}"] == "Lefier"


def test_the_instance_is_one_the_solver_accepts(nieuw_buinen, valthe, team, lefier):
    share = Share.objects.create(
        municipality=nieuw_buinen.municipality, organisation=lefier, percent=20
    )
    share.places.add(nieuw_buinen)

    instance = build.instance_for(nieuw_buinen.municipality, *WEEK)

    solver.validate(instance)
    # The JSON format carries everything the instance holds.
    assert solver.instance_from_dict(solver.instance_to_dict(instance)).openings == (
        instance.openings
    )

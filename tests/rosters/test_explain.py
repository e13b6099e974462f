"""The roster's score in words for the coordinator: coverage, each partner's share, fair load,
familiar faces, whether a better roster may exist; the gaps with what they lack and why; and what
to fix when a roster cannot be made at all."""

from datetime import date

import pytest
from django.utils import translation

from naober.rosters import explain, solver
from naober.rosters.constants import AssignmentStatus
from naober.rosters.models import Assignment, Share
from tests.rosters.conftest import make_person


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_full_roster_reads_covered_with_its_figures(week_roster):
    lines = explain.score_lines(week_roster)

    assert lines == [
        "Every opening is covered.",
        # Vera and Wim have two shifts each.
        "Every volunteer has the same number of shifts.",
        # Anke, Lars, Vera and Wim at the one place.
        "On average 4.0 different people per place.",
        "No better roster exists for these rules.",
    ]


def test_a_partner_below_its_share_is_named_with_the_shifts_it_lacks(
    week_roster, lefier, andes, borger_odoorn
):
    Share.objects.create(municipality=borger_odoorn, organisation=lefier, percent=20)
    Share.objects.create(municipality=borger_odoorn, organisation=andes, percent=40)

    lines = explain.score_lines(week_roster)

    # Ten person-shifts: Lefier has 1 (10 %), short of 2; Andes has 5 (50 %), 1 over 4.
    assert "Lefier: 10 of the 20 % agreed (1 shift short)." in lines
    assert "Andes: 50 of the 40 % agreed (1 shift more)." in lines


def test_uneven_load_and_a_search_cut_short_are_said(week_roster, team):
    Assignment.objects.filter(person=team["wim"]).delete()
    week_roster.solver_status = solver.FEASIBLE
    week_roster.time_limit = 30
    week_roster.save()

    lines = explain.score_lines(week_roster)

    assert "2 openings lack people." in lines
    assert "Volunteers' load differs by at most 2 shifts." in lines
    assert "Best roster found within 30 seconds; a better one may exist." in lines


def test_preferences_are_counted_from_the_places_people_chose(week_roster, team, nieuw_buinen):
    team["vera"].home_village = "Nieuw-Buinen"
    team["vera"].save()

    assert "Everyone works at the places they prefer." in explain.score_lines(week_roster)


def test_a_gap_lists_what_it_lacks_and_why(week_roster, team, borger_odoorn):
    monday = week_roster.shifts.get(start__date=date(2026, 11, 30))
    Assignment.objects.filter(shift=monday, person=team["lars"]).delete()
    bram = make_person(borger_odoorn, "Bram", None, ["hosting"], [])
    Assignment.objects.create(shift=monday, person=bram, status=AssignmentStatus.ASKED)
    lefier = f"o{team['lars'].organisation_id}"
    week_roster.score = {
        "uncovered": [
            {
                "opening": monday.opening_key,
                "missing": 1,
                "reasons": [
                    {"code": "organisation", "organisation": lefier, "available": 0},
                    {"code": "caps", "people": 2},
                ],
            }
        ]
    }
    week_roster.save()

    [(shift, reasons)] = explain.uncovered(week_roster)

    assert shift == monday
    assert reasons == [
        "1 of the 2 people needed.",
        "Nobody from Lefier.",
        "Asked, no answer yet: Bram.",
        "Nobody from Lefier is available.",
        "2 people could come but already have as many shifts as agreed.",
    ]


def test_a_covered_roster_has_no_gaps(week_roster):
    assert explain.uncovered(week_roster) == []


def test_every_solver_reason_has_words():
    codes = [
        {"code": "no_one_available"},
        {"code": "people", "available": 1, "needed": 2},
        {"code": "skill", "skill": "first_aid", "available": 0, "needed": 1},
        {"code": "organisation", "organisation": "o1", "available": 0},
        {"code": "caps", "people": 1},
        {"code": "busy", "people": 3},
        {"code": "search_stopped", "people": 1},
        {"code": "kept"},
    ]

    texts = [explain.reason_text(code, {"o1": "Lefier"}) for code in codes]

    assert texts[1] == "Only 1 person is available of the 2 needed."
    assert texts[2] == "0 available people have the skill First aid."
    assert texts[3] == "Nobody from Lefier is available."
    assert texts[5] == "3 people could come but work elsewhere then, or too far away that day."
    assert all(not t.startswith("No one could be found") for t in texts)
    assert explain.reason_text({"code": "new"}) == "No one could be found (new)."


def test_a_person_without_availability_is_named(team):
    error = solver.InstanceError("no_availability", "...", person=f"person-{team['vera'].pk}")

    assert explain.problem(error) == (
        "Vera has no availability: give at least one weekly time at which they can work, or "
        "take them off the roster."
    )


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            solver.InstanceError("no_people", "..."),
            "Nobody is on the roster of this network yet",
        ),
        (
            solver.InstanceError("shares_over_100", "...", places=[], total=1.2),
            "The agreed shares add up to 120 %; together they can be at most 100 %.",
        ),
        (
            solver.InstanceError("unknown_skill", "...", skill="juggling"),
            "The skill “juggling” is not on the list of skills: choose from Hosting,",
        ),
        (
            solver.InstanceError("duplicate_id", "There are two places with id 'p1'."),
            "The roster could not be generated: There are two places with id 'p1'.",
        ),
    ],
)
def test_why_a_roster_cannot_be_made_is_said_in_words(error, expected):
    assert explain.problem(error).startswith(expected)


def test_a_share_over_a_hundred_names_the_partner(lefier):
    error = solver.InstanceError("share_over_100", "...", organisation=f"o{lefier.pk}", share=1.5)

    assert explain.problem(error) == (
        "The agreed share of Lefier is 150 %; a share can be at most 100 %."
    )

"""Generating a roster is a background task: the coordinator asks for a period, the roster waits
in the queue, the worker solves it and leaves a draft with every opening as a shift, or a failed
roster that says why; never one stuck "being generated"."""

from datetime import date
from unittest import mock

import pytest
from django.utils import translation

from naober.rosters import explain, solver, tasks
from naober.rosters.constants import AssignmentStatus, RosterStatus, Source
from naober.rosters.models import Absence, Assignment, Roster, Shift
from tests.activities.background import run_worker
from tests.rosters.conftest import make_person

WEEK = (date(2026, 11, 30), date(2026, 12, 4))


@pytest.fixture(autouse=True)
def short_solves(settings):
    settings.NAOBER_ROSTER_TIME_LIMIT = 2


@pytest.fixture
def generate(django_capture_on_commit_callbacks, coordinator_andes):
    """Ask for a roster as the coordinator's page does, then let the worker run."""

    def generate(municipality, start, end, **options) -> Roster:
        with django_capture_on_commit_callbacks(execute=True):
            roster = tasks.start_generation(
                municipality, start, end, by=coordinator_andes, **options
            )
        run_worker()
        roster.refresh_from_db()
        return roster

    return generate


def plan(roster) -> dict[str, list[str]]:
    """Day -> who works, as the roster's rows say."""
    found = {}
    for shift in roster.shifts.order_by("start"):
        found[f"{shift.start:%a}"] = sorted(a.person.name for a in shift.assignments.all())
    return found


def test_a_week_is_generated_in_the_background_as_a_draft(
    frozen_now, nieuw_buinen, team, borger_odoorn, coordinator_andes, generate
):
    roster = generate(borger_odoorn, *WEEK, seed=7)

    assert roster.status == RosterStatus.DRAFT
    assert roster.progress == 100
    assert roster.seed == 7
    assert roster.time_limit == 2
    assert roster.created_by == coordinator_andes
    assert roster.solver_status in (solver.OPTIMAL, solver.FEASIBLE)
    # Andes is promised every morning and Anke is their only person; Lefier on Monday: Lars.
    assert plan(roster) == {
        "Mon": ["Anke", "Lars"],
        "Tue": ["Anke"],
        "Wed": ["Anke"],
        "Thu": ["Anke"],
        "Fri": ["Anke"],
    }
    assert set(Assignment.objects.filter(shift__roster=roster).values_list("status", "source")) == {
        (AssignmentStatus.CONFIRMED, Source.SOLVER)
    }
    assert roster.score["uncovered"] == []
    assert roster.score["hard_total"] == 0
    with translation.override("en"):
        assert "Every opening is covered." in explain.score_lines(roster)


def test_an_opening_nobody_can_staff_is_a_shift_with_its_reason(
    frozen_now, nieuw_buinen, team, borger_odoorn, andes, generate
):
    Absence.objects.create(
        person=team["anke"], start_date=date(2026, 12, 2), end_date=date(2026, 12, 2)
    )

    roster = generate(borger_odoorn, *WEEK)

    assert roster.status == RosterStatus.DRAFT
    wednesday = roster.shifts.get(start__date=date(2026, 12, 2))
    assert list(wednesday.organisations.all()) == [andes]
    # Wim could host, but only Anke is from Andes.
    assert [u["opening"] for u in roster.score["uncovered"]] == [wednesday.opening_key]
    assert roster.shifts.count() == 5
    with translation.override("en"):
        gaps = explain.uncovered(roster)
        assert "1 opening lacks people." in explain.score_lines(roster)
    assert [shift for shift, _ in gaps] == [wednesday]
    assert "Nobody from Andes." in gaps[0][1]


def test_a_promised_partner_without_people_is_told_to_the_coordinator(
    frozen_now, nieuw_buinen, team, borger_odoorn, generate
):
    # Monday 7 December is the first Monday of the month: the police are promised.
    roster = generate(borger_odoorn, date(2026, 12, 7), date(2026, 12, 7))

    assert roster.status == RosterStatus.DRAFT
    assert roster.score["warnings"][0]["organisation"] == "Politie Drenthe"
    assert "Politie Drenthe" in roster.message
    with translation.override("en"):
        lines = explain.score_lines(roster)
    assert any(line.startswith("Politie Drenthe is promised at 1 opening") for line in lines)
    assert plan(roster) == {"Mon": ["Anke", "Lars"]}


def test_someone_without_availability_is_left_out_and_named(
    frozen_now, nieuw_buinen, team, borger_odoorn, generate
):
    piet = make_person(borger_odoorn, "Piet", None, ["hosting"], [])

    with translation.override("en"):
        roster = generate(borger_odoorn, *WEEK)

    assert roster.status == RosterStatus.DRAFT
    assert "Piet has no availability yet and is left out of the roster" in roster.message
    assert Shift.objects.filter(roster=roster).count() == 5
    assert not piet.assignments.exists()


def test_a_network_without_people_is_told_to_add_them_first(
    frozen_now, nieuw_buinen, borger_odoorn, generate
):
    with translation.override("en"):
        roster = generate(borger_odoorn, *WEEK)

    assert roster.status == RosterStatus.FAILED
    assert roster.message.startswith("Nobody is on the roster of this network yet")


def test_an_unexpected_error_fails_the_roster_instead_of_leaving_it_solving(
    frozen_now, nieuw_buinen, team, borger_odoorn, generate, caplog
):
    with mock.patch.object(solver, "solve", side_effect=RuntimeError("out of memory")):
        roster = generate(borger_odoorn, *WEEK)

    assert roster.status == RosterStatus.FAILED
    assert roster.message
    assert "out of memory" in caplog.text


def test_a_roster_is_queued_until_its_request_is_saved(
    frozen_now,
    nieuw_buinen,
    team,
    borger_odoorn,
    coordinator_andes,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        roster = tasks.start_generation(borger_odoorn, *WEEK, by=coordinator_andes)

    assert roster.status == RosterStatus.QUEUED
    assert len(callbacks) == 1
    # Nothing queued yet, so the worker finds nothing to do.
    run_worker()
    roster.refresh_from_db()
    assert roster.status == RosterStatus.QUEUED


def test_the_task_leaves_a_roster_that_is_not_waiting_alone(
    frozen_now, nieuw_buinen, team, borger_odoorn
):
    roster = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=WEEK[0],
        end_date=WEEK[1],
        status=RosterStatus.PUBLISHED,
    )

    assert tasks.generate_roster.call(roster.pk) == ""

    roster.refresh_from_db()
    assert roster.status == RosterStatus.PUBLISHED
    assert not roster.shifts.exists()


def test_progress_is_saved_on_the_roster_alone(frozen_now, borger_odoorn, monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_SECONDS", 0)
    roster = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=WEEK[0],
        end_date=WEEK[1],
        status=RosterStatus.SOLVING,
    )
    on_progress = tasks._progress(roster.pk)
    # A message set meanwhile by someone else is not overwritten by a progress report.
    Roster.objects.filter(pk=roster.pk).update(message="kept")

    on_progress(0.02)  # too small a step to save
    small = Roster.objects.get(pk=roster.pk).progress
    on_progress(0.42)

    roster.refresh_from_db()
    assert small == 0
    assert roster.progress == 42
    assert roster.message == "kept"
    assert roster.status == RosterStatus.SOLVING

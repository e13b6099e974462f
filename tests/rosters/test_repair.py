"""Mending the published roster of the week of 30 November when someone cancels or falls ill:
as few changes as the gap asks for, nobody put on a shift within 48 hours without saying yes,
and a gap that cannot be filled stays in sight."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail

from naober.rosters import repair
from naober.rosters.constants import AssignmentStatus, RosterStatus, Source
from naober.rosters.models import Absence, Assignment, Roster, Shift
from naober.schedules.recurrence import AMSTERDAM
from tests.rosters.conftest import NOW, make_person


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a repair as a page does: the mails go once it is saved."""

    def sent(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return sent


def on_roster(roster) -> set[tuple[str, str, str]]:
    """(day, person, status) of every assignment of the roster."""
    return {
        (f"{a.shift.start:%a}", a.person.name, a.status)
        for a in Assignment.objects.filter(shift__roster=roster).select_related("shift", "person")
    }


def assignment(roster, name: str, day: date) -> Assignment:
    return Assignment.objects.get(shift__roster=roster, person__name=name, shift__start__date=day)


def test_a_cancellation_is_filled_by_the_one_person_who_can_and_nothing_else_moves(
    week_roster, team, sent
):
    team["wim"].max_per_week = 3
    team["wim"].save()
    before = on_roster(week_roster)

    report = sent(repair.cancel_assignment, assignment(week_roster, "Vera", date(2026, 12, 3)))

    # Wim is the only other host on Thursdays.
    after = on_roster(week_roster)
    assert after == before - {("Thu", "Vera", "confirmed")} | {("Thu", "Wim", "confirmed")}
    assert [(a.person.name, a.status, a.source) for a in report.added] == [
        ("Wim", AssignmentStatus.CONFIRMED, Source.REPAIR)
    ]
    assert [a.person.name for a in report.removed] == ["Vera"]
    assert report.changes == 2
    assert report.gaps == []
    # Wim is told he was added; Vera was taken off by someone else (no actor), so she is told too.
    assert sorted(m.to[0] for m in mail.outbox) == ["vera@naober.example", "wim@naober.example"]
    to_wim = next(m for m in mail.outbox if m.to == ["wim@naober.example"])
    assert "Buurtkamer Nieuw-Buinen" in to_wim.body
    assert "http://localhost:8000/rooster/" in to_wim.body


def test_someone_who_cancels_themselves_gets_no_mail_about_it(week_roster, team, sent):
    vera = team["vera"]

    sent(
        repair.cancel_assignment,
        assignment(week_roster, "Vera", date(2026, 12, 3)),
        actor=vera.user,
    )

    assert "vera@naober.example" not in [m.to[0] for m in mail.outbox]


def test_a_gap_nobody_can_fill_stays_visible(week_roster, team, sent):
    before = on_roster(week_roster)

    # Nobody else hosts on Tuesdays.
    report = sent(repair.cancel_assignment, assignment(week_roster, "Vera", date(2026, 12, 1)))

    tuesday = week_roster.shifts.get(start__date=date(2026, 12, 1))
    assert report.gaps == [tuesday]
    assert report.added == []
    assert on_roster(week_roster) == before - {("Tue", "Vera", "confirmed")}
    assert repair.shortfall(tuesday) == [{"code": "people", "have": 1, "need": 2}]


def test_the_person_who_cancelled_is_not_put_back(week_roster, team, sent):
    # Nobody else could take Lars's Monday; putting Lars back would fill it "with no change".
    report = sent(repair.cancel_assignment, assignment(week_roster, "Lars", date(2026, 11, 30)))

    assert ("Mon", "Lars", "confirmed") not in on_roster(week_roster)
    monday = week_roster.shifts.get(start__date=date(2026, 11, 30))
    assert report.gaps == [monday]
    assert {"code": "organisation", "organisation": "Lefier"} in repair.shortfall(monday)


def test_an_absence_takes_its_person_off_every_shift_in_it(
    week_roster, team, andes, borger_odoorn, sent
):
    ada = make_person(
        borger_odoorn, "Ada", andes, ["hosting"], [(d, "09:00", "12:00") for d in (2, 3)]
    )
    absence = Absence.objects.create(
        person=team["anke"], start_date=date(2026, 12, 2), end_date=date(2026, 12, 3)
    )

    report = sent(repair.absence_added, absence)

    after = on_roster(week_roster)
    assert {day for day, name, _ in after if name == "Anke"} == {"Mon", "Tue", "Fri"}
    # Ada, also of Andes, takes Anke's Wednesday and Thursday; nobody else is touched.
    assert {(day, name) for day, name, _ in after if name == "Ada"} == {
        ("Wed", "Ada"),
        ("Thu", "Ada"),
    }
    assert sorted(a.shift.start.date() for a in report.removed) == [
        date(2026, 12, 2),
        date(2026, 12, 3),
    ]
    assert report.changes == 4
    assert report.gaps == []
    assert ada.email in [m.to[0] for m in mail.outbox]


def test_an_absence_without_a_stand_in_leaves_gaps(week_roster, team, sent):
    absence = Absence.objects.create(
        person=team["anke"], start_date=date(2026, 12, 2), end_date=date(2026, 12, 2)
    )

    report = sent(repair.absence_added, absence)

    assert [s.start.date() for s in report.gaps] == [date(2026, 12, 2)]
    assert ("Wed", "Anke", "confirmed") not in on_roster(week_roster)


# --- The 48-hour rule ---------------------------------------------------------------------------


@pytest.fixture
def bram(borger_odoorn):
    """A volunteer who hosts on Tuesdays and has nothing on the roster yet."""
    return make_person(borger_odoorn, "Bram", None, ["hosting"], [(1, "09:00", "12:00")])


@pytest.fixture
def tuesdays(frozen_now, nieuw_buinen, team, bram, andes) -> Roster:
    """A published roster of two Tuesdays: tomorrow (24 November) and in two weeks (8
    December), each with Anke and Vera."""
    roster = Roster.objects.create(
        municipality=nieuw_buinen.municipality,
        start_date=date(2026, 11, 24),
        end_date=date(2026, 12, 8),
        status=RosterStatus.PUBLISHED,
        published_at=NOW,
    )
    rule = nieuw_buinen.opening_rules.get()
    for day in (date(2026, 11, 24), date(2026, 12, 8)):
        shift = Shift.objects.create(
            roster=roster,
            place=nieuw_buinen,
            opening_key=f"opening-{rule.pk}-{day:%Y%m%d}",
            start=datetime.combine(day, time(9), tzinfo=AMSTERDAM),
            end=datetime.combine(day, time(12), tzinfo=AMSTERDAM),
            people=2,
            skills={"hosting": 1},
        )
        shift.organisations.add(andes)
        for name in ("anke", "vera"):
            Assignment.objects.create(shift=shift, person=team[name])
    return roster


def test_a_stand_in_for_tomorrow_is_asked_not_put_on_the_roster(tuesdays, bram, sent):
    report = sent(repair.cancel_assignment, assignment(tuesdays, "Vera", date(2026, 11, 24)))

    added = assignment(tuesdays, "Bram", date(2026, 11, 24))
    assert added.status == AssignmentStatus.ASKED
    assert added.source == Source.REPAIR
    assert report.added == [added]
    # Until Bram says yes, tomorrow is still short of a person.
    assert [s.start.date() for s in report.gaps] == [date(2026, 11, 24)]
    to_bram = [m for m in mail.outbox if m.to == ["bram@naober.example"]]
    assert len(to_bram) == 1
    assert "/rooster/" in to_bram[0].body
    assert "24" in to_bram[0].subject


def test_a_stand_in_in_two_weeks_is_put_on_the_roster_and_told(tuesdays, bram, sent):
    report = sent(repair.cancel_assignment, assignment(tuesdays, "Vera", date(2026, 12, 8)))

    added = assignment(tuesdays, "Bram", date(2026, 12, 8))
    assert (added.status, added.source) == (AssignmentStatus.CONFIRMED, Source.REPAIR)
    assert report.gaps == []
    assert [m.to for m in mail.outbox if "bram" in m.to[0]] == [["bram@naober.example"]]
    # Tomorrow is left as it was.
    assert {
        a.person.name for a in Assignment.objects.filter(shift__start__date=date(2026, 11, 24))
    } == {
        "Anke",
        "Vera",
    }


def test_the_repair_takes_nobody_off_a_shift_within_48_hours(tuesdays, team, bram, sent):
    # Vera can no longer come on Tuesdays; when Anke cancels tomorrow, the repair must not
    # quietly drop Vera from tomorrow too: that is hers to cancel.
    vera = team["vera"]
    vera.availability.filter(weekday=1).delete()

    report = sent(repair.cancel_assignment, assignment(tuesdays, "Anke", date(2026, 11, 24)))

    assert assignment(tuesdays, "Vera", date(2026, 11, 24)).status == AssignmentStatus.CONFIRMED
    assert [a.person.name for a in report.removed] == ["Anke"]
    assert [(a.person.name, a.status) for a in report.added] == [("Bram", AssignmentStatus.ASKED)]


def test_a_roster_being_generated_is_not_repaired(frozen_now, borger_odoorn):
    roster = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=NOW.date(),
        end_date=NOW.date() + timedelta(days=6),
        status=RosterStatus.SOLVING,
    )

    assert repair.repair(roster).changes == 0


def test_the_window_widens_to_the_whole_roster_only_when_its_week_cannot_be_mended(
    frozen_now, nieuw_buinen, borger_odoorn, sent
):
    """Bram may work one shift a month and has 8 December; Zoë is away on 1 December, Vera on
    the 8th. When Vera cancels 1 December, that week alone has nobody: Bram moves to the 1st,
    Zoë takes the 8th."""
    tuesday = [(1, "09:00", "12:00")]
    vera = make_person(borger_odoorn, "Vera", None, ["hosting"], tuesday)
    bram = make_person(
        borger_odoorn, "Bram", None, ["hosting"], tuesday, max_per_week=1, max_per_month=1
    )
    zoe = make_person(borger_odoorn, "Zoë", None, ["hosting"], tuesday)
    Absence.objects.create(person=zoe, start_date=date(2026, 12, 1), end_date=date(2026, 12, 1))
    Absence.objects.create(person=vera, start_date=date(2026, 12, 8), end_date=date(2026, 12, 8))
    roster = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=date(2026, 11, 30),
        end_date=date(2026, 12, 11),
        status=RosterStatus.PUBLISHED,
        published_at=NOW,
    )
    for day, person in ((date(2026, 12, 1), vera), (date(2026, 12, 8), bram)):
        shift = Shift.objects.create(
            roster=roster,
            place=nieuw_buinen,
            opening_key=f"key-{day:%Y%m%d}",
            start=datetime.combine(day, time(9), tzinfo=AMSTERDAM),
            end=datetime.combine(day, time(12), tzinfo=AMSTERDAM),
            people=1,
            skills={"hosting": 1},
        )
        Assignment.objects.create(shift=shift, person=person)

    report = sent(repair.cancel_assignment, assignment(roster, "Vera", date(2026, 12, 1)))

    assert on_roster(roster) == {("Tue", "Bram", "confirmed"), ("Tue", "Zoë", "confirmed")}
    assert assignment(roster, "Bram", date(2026, 12, 1))
    assert assignment(roster, "Zoë", date(2026, 12, 8))
    assert report.gaps == []
    # Vera's cancellation, Bram off the 8th and on the 1st, Zoë on the 8th.
    assert report.changes == 4


def test_a_draft_is_mended_without_asking_or_telling_anyone(tuesdays, bram, sent):
    tuesdays.status = RosterStatus.DRAFT
    tuesdays.save()

    report = sent(repair.cancel_assignment, assignment(tuesdays, "Vera", date(2026, 11, 24)))

    # Nobody sees a draft yet: Bram is simply on it, and nobody gets a mail.
    assert [(a.person.name, a.status) for a in report.added] == [
        ("Bram", AssignmentStatus.CONFIRMED)
    ]
    assert mail.outbox == []

"""`naober roster generate|solve`: a benchmark instance written as JSON, an instance file solved
and printed, and bad input told in one sentence instead of a traceback.

The hand-made instance: the buurtkamer in Nieuw-Buinen opens Monday and Tuesday morning, each
needing one host; Anke (Lefier, hosting) is free on Mondays, Vera (volunteer, hosting) on
Tuesdays. Only one roster is possible: Anke on Monday, Vera on Tuesday.
"""

import json
from dataclasses import replace
from datetime import datetime, time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from naober.rosters import solver
from naober.rosters.scoring import score


def run(*args) -> str:
    out = StringIO()
    call_command("roster", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def two_mornings(**changes) -> solver.Instance:
    openings = [
        solver.Opening(
            id=f"nb-{day}",
            place="nieuw-buinen",
            start=datetime(2027, 1, day, 9),
            end=datetime(2027, 1, day, 12),
            skills={"hosting": 1},
        )
        for day in (4, 5)
    ]
    people = [
        solver.Person(
            "anke", "Anke", "lefier", frozenset({"hosting"}), (solver.Window(0, time(9), time(12)),)
        ),
        solver.Person(
            "vera", "Vera", None, frozenset({"hosting"}), (solver.Window(1, time(9), time(12)),)
        ),
    ]
    fields = {
        "places": [solver.Place("nieuw-buinen", "Nieuw-Buinen", 257_500, 549_000)],
        "people": people,
        "openings": openings,
        "organisations": {"lefier": "Lefier"},
    }
    return solver.Instance(**{**fields, **changes})


@pytest.fixture
def instance_file(tmp_path):
    def write(instance=None, text=None):
        path = tmp_path / "instance.json"
        if text is None:
            text = json.dumps(solver.instance_to_dict(instance or two_mornings()))
        path.write_text(text)
        return str(path)

    return write


def test_generate_writes_an_instance_the_solver_reads(tmp_path):
    path = tmp_path / "s.json"
    run("generate", "--size", "S", "--seed", "3", "-o", str(path))
    instance = solver.instance_from_dict(json.loads(path.read_text()))
    assert len(instance.places) == 5
    assert 150 < len(instance.openings) < 220
    assert "planted" not in json.loads(path.read_text())


def test_generate_is_the_same_for_the_same_seed():
    assert run("generate", "--size", "S", "--seed", "3") == run(
        "generate", "--size", "S", "--seed", "3"
    )
    assert run("generate", "--size", "S", "--seed", "3") != run(
        "generate", "--size", "S", "--seed", "4"
    )


def test_generate_with_planted_adds_a_roster_without_violations():
    data = json.loads(run("generate", "--size", "S", "--seed", "2", "--with-planted"))
    planted = [solver.Assignment(**pair) for pair in data.pop("planted")]
    assert planted
    assert score(solver.instance_from_dict(data), planted).hard_total == 0


def test_solve_prints_the_roster_per_place_and_day_then_the_score(instance_file):
    out = run("solve", instance_file(), "--time-limit", "2", "--seed", "1")
    roster, _, report = out.partition("\n\n")
    assert roster.splitlines()[0] == "Nieuw-Buinen (nieuw-buinen)"
    assert "2027-01-04" in roster and "2027-01-05" in roster
    monday, tuesday = roster.split("2027-01-05")
    assert "Anke" in monday and "Vera" not in monday
    assert "Vera" in tuesday and "Anke" not in tuesday
    # Hard violations first (none here), then the soft rules one by one.
    assert report.index("shares") < report.index("fairness") < report.index("continuity")
    # A small instance is solved to proven optimality, and the status says so (in Dutch).
    assert "Status: optimaal" in report


def test_solve_json_prints_the_result_format(instance_file):
    data = json.loads(run("solve", instance_file(), "--time-limit", "2", "--json"))
    assert sorted((a["opening"], a["person"]) for a in data["assignments"]) == [
        ("nb-4", "anke"),
        ("nb-5", "vera"),
    ]
    assert data["score"]["hard_total"] == 0
    assert data["status"] == solver.OPTIMAL


def test_a_file_with_a_current_roster_is_repaired(tmp_path):
    # Anke cancelled Monday; Wim, also free on Mondays, takes over; Vera keeps Tuesday.
    wim = solver.Person(
        "wim", "Wim", None, frozenset({"hosting"}), (solver.Window(0, time(9), time(12)),)
    )
    instance = two_mornings()
    instance.people.append(wim)
    instance.openings[0] = replace(instance.openings[0], excluded=frozenset({"anke"}))
    data = solver.instance_to_dict(instance)
    data["current"] = [{"opening": "nb-4", "person": "anke"}, {"opening": "nb-5", "person": "vera"}]
    path = tmp_path / "repair.json"
    path.write_text(json.dumps(data))
    result = json.loads(run("solve", str(path), "--time-limit", "2", "--json"))
    assert sorted((a["opening"], a["person"]) for a in result["assignments"]) == [
        ("nb-4", "wim"),
        ("nb-5", "vera"),
    ]
    assert (result["changes"], result["people_affected"]) == (2, 2)


def test_an_opening_nobody_can_take_is_reported_with_its_reason(instance_file):
    instance = two_mornings()
    first_aid = solver.Opening(
        id="nb-first-aid",
        place="nieuw-buinen",
        start=datetime(2027, 1, 4, 13),
        end=datetime(2027, 1, 4, 16),
        skills={"first_aid": 1},
    )
    instance.openings.append(first_aid)
    out = run("solve", instance_file(instance), "--time-limit", "2")
    gaps = [line for line in out.splitlines() if "(nb-first-aid)" in line]
    assert len(gaps) == 1
    assert "1" in gaps[0]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="nowhere.json"):
        run("solve", str(tmp_path / "nowhere.json"))


def test_invalid_json_names_the_line_and_column(instance_file):
    # Line 3, column 5, in whatever language the message is in.
    with pytest.raises(CommandError, match=r"instance\.json\D+ 3\D+ 5\D*$"):
        run("solve", instance_file(text='{\n "places": [],\n    ,\n}'))


def test_an_instance_that_cannot_be_solved_is_one_message(instance_file):
    shares = [solver.Share("lefier", 1.5)]
    with pytest.raises(CommandError, match="instance.json"):
        run("solve", instance_file(two_mornings(shares=shares)))


def test_an_instance_without_people_is_one_message(instance_file):
    with pytest.raises(CommandError, match="instance.json"):
        run("solve", instance_file(two_mornings(people=[])))


def test_a_file_that_is_not_an_instance_is_one_message(instance_file):
    with pytest.raises(CommandError, match="instance.json"):
        run("solve", instance_file(text="[1, 2, 3]"))


def test_the_command_needs_generate_or_solve():
    with pytest.raises(CommandError):
        run()
    with pytest.raises(CommandError):
        run("generate", "--size", "XL", "--seed", "1")

"""The solver's JSON format (docs/rosters.md) and the plain messages for instances that cannot
be solved as given."""

import json
import re
from dataclasses import replace
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from naober.rosters.solver import (
    Assignment,
    InstanceError,
    Share,
    Window,
    current_from_dict,
    instance_from_dict,
    instance_to_dict,
    result_from_dict,
    result_to_dict,
    solve,
)
from tests.rosters.solver_instances import MONDAY, absent, at, instance, opening, person


def example() -> dict:
    people = [
        person("anke", "andes", skills=("hosting", "wmo"), home=(250_000.0, 545_000.0)),
        person("vera", absences=absent(MONDAY), preferred_places=frozenset({"buinerveen"})),
    ]
    openings = [
        opening("nb", people=2, skills={"hosting": 1}, organisations=("andes",)),
        opening("bv", place="buinerveen", start="13:30", end="16:30", excluded=frozenset({"x"})),
    ]
    return instance_to_dict(
        instance(people, openings, shares=[Share("andes", 0.2, frozenset({"buinerveen"}))])
    )


def test_an_instance_survives_a_json_round_trip():
    data = example()
    again = instance_from_dict(json.loads(json.dumps(data)))

    assert instance_to_dict(again) == data
    assert again.people[1].absences[0].start == MONDAY
    assert again.openings[1].start == at(MONDAY, "13:30")
    assert again.people[0].availability[0] == Window(0, time(8), time(22))
    assert again.shares[0].places == frozenset({"buinerveen"})


def test_the_json_uses_plain_dates_and_times():
    data = example()

    assert data["openings"][0]["start"] == "2027-01-04T09:00"
    assert data["people"][0]["availability"][0] == {"weekday": 0, "start": "08:00", "end": "22:00"}
    assert data["people"][1]["absences"] == [{"start": "2027-01-04", "end": "2027-01-04"}]


def test_a_result_survives_a_json_round_trip():
    result = solve(instance_from_dict(example()), time_limit=2)
    data = json.loads(json.dumps(result_to_dict(result)))

    assert data["status"] == result.status
    assert data["assignments"] == [
        {"opening": a.opening, "person": a.person} for a in result.assignments
    ]
    assert data["score"]["hard"]["coverage"] == 1  # Vera is away on Monday
    assert data["uncovered"][0]["opening"] == "nb"
    again = result_from_dict(data)
    assert again.assignments == result.assignments
    assert again.uncovered == result.uncovered
    assert again.score == result.score


def test_the_repair_part_of_an_instance_file_is_read():
    data = example() | {
        "current": [{"opening": "nb", "person": "anke"}],
        "keep_before": "2027-01-04T12:00",
    }
    current, keep_before = current_from_dict(data)

    assert current == [Assignment("nb", "anke")]
    assert keep_before == at(MONDAY, "12:00")
    assert current_from_dict(example()) == (None, None)


def broken(change) -> dict:
    data = example()
    change(data)
    return data


CASES = [
    ("no_people", lambda d: d.update(people=[]), "no people"),
    ("no_availability", lambda d: d["people"][0].update(availability=[]), "'Anke' (anke)"),
    ("share_over_100", lambda d: d["shares"][0].update(share=1.2), "120%"),
    (
        "shares_over_100",
        lambda d: d["shares"].append(
            {"organisation": "lefier", "share": 0.9, "places": ["buinerveen"]}
        ),
        "110%",
    ),
    ("unknown_skill", lambda d: d["people"][0]["skills"].append("juggling"), "'juggling'"),
    ("unknown_skill", lambda d: d["openings"][0]["skills"].update(juggling=1), "'nb'"),
    ("unknown_place", lambda d: d["openings"][0].update(place="atlantis"), "'atlantis'"),
    ("unknown_place", lambda d: d["people"][1].update(preferred_places=["atlantis"]), "'Vera'"),
    ("unknown_organisation", lambda d: d["people"][0].update(organisation="acme"), "'acme'"),
    ("unknown_organisation", lambda d: d["openings"][0].update(organisations=["acme"]), "'nb'"),
    ("unknown_organisation", lambda d: d["shares"][0].update(organisation="acme"), "'acme'"),
    ("duplicate_id", lambda d: d["people"].append(dict(d["people"][0])), "'anke'"),
    ("duplicate_id", lambda d: d["openings"].append(dict(d["openings"][0])), "'nb'"),
    ("duplicate_id", lambda d: d["places"].append(dict(d["places"][0])), "'nieuw-buinen'"),
    (
        "malformed",
        lambda d: d["openings"][0].update(start="2027-01-04 9:00"),
        "openings[nb].start is '2027-01-04 9:00'",
    ),
    (
        "malformed",
        lambda d: d["people"][1]["absences"][0].update(end="4 januari"),
        "'4 januari'",
    ),
    (
        "malformed",
        lambda d: d["people"][0]["availability"][0].update(start="8 uur"),
        "people[anke].availability.start",
    ),
    ("malformed", lambda d: d["people"][0]["availability"][0].update(weekday=7), "weekday 7"),
    ("malformed", lambda d: d["openings"][0].update(people="two"), "'two'"),
    ("missing_field", lambda d: d["openings"][0].pop("place"), "openings[nb].place"),
    ("end_before_start", lambda d: d["openings"][0].update(end="2027-01-04T08:00"), "'nb'"),
    (
        "end_before_start",
        lambda d: d["people"][0]["availability"][0].update(end="07:00"),
        "'Anke'",
    ),
    (
        "end_before_start",
        lambda d: d["people"][1]["absences"][0].update(end="2027-01-01"),
        "'Vera'",
    ),
    ("negative", lambda d: d["openings"][0].update(people=-1), "'nb'"),
    ("negative", lambda d: d["people"][0].update(max_per_week=-1), "max_per_week"),
    ("negative", lambda d: d["openings"][0]["skills"].update(hosting=-2), "skills.hosting"),
    ("negative", lambda d: d["shares"][0].update(share=-0.1), "Andes"),
    ("negative", lambda d: d.update(max_distance_m=-5), "max_distance_m"),
    ("negative", lambda d: d["weights"].update(continuity=-2), "continuity"),
]


@pytest.mark.parametrize(("code", "change", "named"), CASES)
def test_an_instance_that_cannot_be_solved_says_what_is_wrong(code, change, named):
    with pytest.raises(InstanceError) as caught:
        instance_from_dict(broken(change))

    assert caught.value.code == code
    assert named in str(caught.value)


def test_an_instance_built_in_code_is_checked_too():
    bad = instance([person("anke", skills=("juggling",))], [opening("nb")])

    with pytest.raises(InstanceError) as caught:
        solve(bad, time_limit=1)

    assert caught.value.code == "unknown_skill"
    assert caught.value.params == {"skill": "juggling"}
    assert "'Anke' (anke)" in str(caught.value)


def test_times_with_a_zone_are_refused():
    plain = opening("nb")
    utc = ZoneInfo("UTC")
    zoned = replace(plain, start=plain.start.replace(tzinfo=utc), end=plain.end.replace(tzinfo=utc))

    with pytest.raises(InstanceError) as caught:
        solve(instance([person("anke")], [zoned]), time_limit=1)

    assert caught.value.code == "malformed"
    assert "'nb'" in str(caught.value)


def test_shares_for_different_places_may_add_up_past_100_percent():
    data = example()
    data["shares"].append({"organisation": "lefier", "share": 0.9, "places": ["nieuw-buinen"]})
    data["organisations"]["lefier"] = "Lefier"

    assert len(instance_from_dict(data).shares) == 2


def test_the_documented_example_gives_the_documented_roster():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "rosters.md").read_text()
    instance_json, roster_json = re.findall(r"```json\n(.*?)```", docs, re.S)[:2]

    result = result_to_dict(solve(instance_from_dict(json.loads(instance_json)), time_limit=2))

    documented = json.loads(roster_json)
    for key in ("status", "score", "assignments", "uncovered", "changes", "people_affected"):
        assert result[key] == documented[key], key

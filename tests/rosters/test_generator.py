"""The benchmark generator plants a roster that breaks no hard rule, the same for the same seed."""

import math
from collections import Counter
from datetime import date
from itertools import combinations

import pytest

from naober.rosters import generator
from naober.rosters.scoring import score
from naober.rosters.solver import SKILLS


@pytest.mark.parametrize("size", ["S", "M", "L"])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_planted_roster_breaks_no_hard_rule(size, seed):
    instance, planted = generator.generate(size, seed)
    result = score(instance, planted)
    assert {rule: n for rule, n in result.hard.items() if n} == {}
    assert result.soft["shares"] == 0
    # Nobody is put on an opening beyond what it needs.
    assert Counter(a.opening for a in planted) == {o.id: o.people for o in instance.openings}


@pytest.mark.parametrize(
    ("size", "places", "openings", "people"),
    [("S", 5, 185, 30), ("M", 20, 730, 95), ("L", 50, 1400, 175)],
)
def test_sizes_are_as_announced(size, places, openings, people):
    instance, _ = generator.generate(size, 7)
    assert len(instance.places) == places
    assert abs(len(instance.openings) - openings) <= openings * 0.1
    assert abs(len(instance.people) - people) <= people * 0.1


def test_the_same_seed_gives_the_same_instance_and_roster():
    assert generator.generate("M", 3) == generator.generate("M", 3)
    assert generator.generate("M", 3) != generator.generate("M", 4)


def test_a_quarter_of_openings_on_weekdays_closed_on_holidays():
    instance, _ = generator.generate("S", 1)
    days = {opening.start.date() for opening in instance.openings}
    assert min(days) >= date(2027, 1, 1) and max(days) <= date(2027, 3, 31)
    assert date(2027, 1, 1) not in days and date(2027, 3, 29) not in days
    assert all(day.weekday() < 5 for day in days)


def test_six_organisations_with_shares_volunteers_and_every_skill():
    instance, planted = generator.generate("M", 1)
    assert len(instance.organisations) == 6
    assert {share.organisation for share in instance.shares} == set(instance.organisations)
    assert 0 < sum(share.share for share in instance.shares) < 1
    assert any(person.volunteer for person in instance.people)
    assert {s for o in instance.openings for s in o.skills} | {"hosting"} <= set(SKILLS)
    assert {s for p in instance.people for s in p.skills} == set(SKILLS)
    assert any(opening.organisations for opening in instance.openings)
    # The shares are the planted roster's own, so it meets every one of them.
    assert score(instance, planted).soft["shares"] == 0


def test_villages_lie_in_clusters_some_too_far_apart_for_one_day():
    instance, _ = generator.generate("M", 1)
    distances = [math.dist((a.x, a.y), (b.x, b.y)) for a, b in combinations(instance.places, 2)]
    assert min(distances) < instance.max_distance_m < max(distances)
    # RD New coordinates in the north of the Netherlands.
    assert all(150_000 < p.x < 270_000 and 510_000 < p.y < 600_000 for p in instance.places)


def test_people_have_availability_caps_and_some_absences_and_extras():
    instance, planted = generator.generate("L", 1)
    assert all(person.availability for person in instance.people)
    assert all(1 <= p.max_per_week <= p.max_per_month for p in instance.people)
    assert any(person.absences for person in instance.people)
    rostered = {a.person for a in planted}
    assert len(rostered) < len(instance.people), "some people are in no planted shift"


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="size"):
        generator.generate("XL", 1)

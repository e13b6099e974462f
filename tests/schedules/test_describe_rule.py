"""Rules in the words residents read on the place page and the printed overview."""

from datetime import date

import pytest
from django.utils import translation

from naober.schedules.describe import describe_rule
from naober.schedules.models import OpeningRule
from naober.schedules.recurrence import MONTHLY, WEEKLY, Rule

START = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (Rule(WEEKLY, (0, 1, 2, 3, 4), START), "every Monday to Friday"),
        (Rule(WEEKLY, (3,), START), "every Thursday"),
        (Rule(WEEKLY, (0, 2, 4), START), "every Monday, Wednesday and Friday"),
        (Rule(WEEKLY, (3, 1), START), "every Tuesday and Thursday"),
        (Rule(WEEKLY, (5, 6, 0, 1, 2, 3, 4), START), "every day"),
        (Rule(WEEKLY, (0,), START, interval=2), "Monday, every other week"),
        (Rule(WEEKLY, (1, 3), START, interval=3), "Tuesday and Thursday, every 3 weeks"),
        (Rule(MONTHLY, (3,), START, week_of_month=-1), "the last Thursday of the month"),
        (Rule(MONTHLY, (1,), START, week_of_month=2), "the second Tuesday of the month"),
        (Rule(MONTHLY, (0,), START, week_of_month=1), "the first Monday of the month"),
        (
            Rule(MONTHLY, (4,), START, week_of_month=3, interval=2),
            "the third Friday of every other month",
        ),
        (
            Rule(MONTHLY, (4,), START, week_of_month=4, interval=3),
            "the fourth Friday of every 3 months",
        ),
    ],
)
def test_a_rule_reads_as_plain_english(rule, words):
    with translation.override("en"):
        assert describe_rule(rule) == words


def test_an_opening_rule_from_the_database_describes_itself_with_its_hours(nieuw_buinen):
    rule = OpeningRule.objects.get(place=nieuw_buinen)

    with translation.override("en"):
        assert rule.describe() == "every Monday to Friday"
        assert str(rule) == "every Monday to Friday 09:00–12:00"


def test_dutch_day_names_are_written_in_lower_case_as_dutch_does():
    with translation.override("nl"):
        words = describe_rule(Rule(WEEKLY, (3,), START))

    assert "donderdag" in words
    assert "Thursday" not in words

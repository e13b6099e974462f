from datetime import date

from naober.schedules.openings import openings


def test_first_monday_of_december_has_the_police_and_lefier(nieuw_buinen):
    monday = openings(nieuw_buinen, date(2026, 12, 7), date(2026, 12, 7))
    assert [o.name for o in monday[0].organisations] == ["Andes", "Lefier", "Politie Drenthe"]
    assert monday[0].start.isoformat() == "2026-12-07T09:00:00+01:00"

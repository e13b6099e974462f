"""What no source document gives is marked invented, and its source note says what was made up."""

from naober.activities.models import Activity
from naober.places.models import Building, Organisation, Place
from naober.schedules.models import OpeningRule, PresenceRule

PROVENANCE_MODELS = (Organisation, Building, Place, OpeningRule, PresenceRule, Activity)


def test_every_record_names_its_source(demo):
    for model in PROVENANCE_MODELS:
        for record in model.objects.all():
            assert record.source.strip(), f"{model.__name__} {record} has no source"


def test_invented_records_say_what_was_invented_and_sourced_ones_invent_nothing(demo):
    for model in PROVENANCE_MODELS:
        for record in model.objects.all():
            says_invented = "invented" in record.source.lower()
            assert record.invented == says_invented, f"{model.__name__} {record}: {record.source}"


def test_the_hours_from_the_news_items_are_not_marked_invented(demo):
    nieuw_buinen = OpeningRule.objects.get(place__slug="buurtkamer-nieuw-buinen")
    wolfsbos = OpeningRule.objects.get(place__slug="huis-van-de-buurt-wolfsbos")

    assert not nieuw_buinen.invented
    assert "Iedere ochtend tussen 9 en 12 uur" in nieuw_buinen.source
    assert not wolfsbos.invented
    assert "10.00 tot 16.00" in wolfsbos.source


def test_the_police_now_and_then_is_an_invented_first_monday(demo):
    police = PresenceRule.objects.get(
        place__slug="buurtkamer-nieuw-buinen", organisation__kind="police"
    )

    assert police.invented
    assert (police.frequency, police.week_of_month, police.weekdays) == ("monthly", 1, [0])
    assert "af en toe" in police.source


def test_no_building_address_is_claimed_as_real_and_each_says_where_its_point_is_from(demo):
    assert not Building.objects.filter(invented=False).exists()
    assert all("CBS point" in b.source for b in Building.objects.all())

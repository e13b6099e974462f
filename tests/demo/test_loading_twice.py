"""Loading the demo again leaves exactly one of everything, and brings changed facts up to date."""

from datetime import time

from django.apps import apps

from naober.demo import data
from naober.demo.load import load
from naober.places.models import Place
from naober.schedules.models import OpeningRule

from .conftest import LOADED_ON


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for app in ("places", "schedules")
        for model in apps.get_app_config(app).get_models()
    }


def test_loading_twice_gives_the_same_number_of_every_record(demo):
    first = counts()

    load(today=LOADED_ON)

    assert counts() == first
    assert first["Place"] == len(data.PLACES)
    assert first["OpeningRule"] >= len(data.PLACES)


def test_a_reload_undoes_edits_to_the_demo_places_and_keeps_the_rule_ids(demo):
    place = Place.objects.get(slug="buurtkamer-nieuw-buinen")
    rule = place.opening_rules.get()
    rule.end_time = time(17)
    rule.save()
    place.presence_rules.all().delete()
    place.organisations.clear()

    load(today=LOADED_ON)

    again = place.opening_rules.get()
    assert (again.pk, again.end_time) == (rule.pk, time(12))
    assert place.presence_rules.count() == len(data.NIEUW_BUINEN["presence"])
    assert place.organisations.count() == len(data.NIEUW_BUINEN["organisations"])


def test_a_fact_changed_in_the_data_set_is_updated_not_added(demo, monkeypatch):
    opening = {**data.WOLFSBOS["openings"][0], "end_time": "16:30"}
    monkeypatch.setitem(data.WOLFSBOS, "openings", [opening])

    load(today=LOADED_ON)

    rules = OpeningRule.objects.filter(place__slug="huis-van-de-buurt-wolfsbos")
    assert [(r.start_time, r.end_time) for r in rules] == [(time(10), time(16, 30))]


def test_a_cancellation_moves_along_when_the_demo_is_loaded_later(demo):
    place = Place.objects.get(slug="buurtkamer-nieuw-buinen")
    before = place.closures.get()

    load(today=LOADED_ON.replace(month=6))

    after = place.closures.get()
    assert after.pk == before.pk
    assert after.start_date > before.start_date

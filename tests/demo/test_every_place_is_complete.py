"""Every demo place can be found on the map, has opening hours and says who runs it."""

from naober.places import geo
from naober.places.models import Municipality, Place


def test_every_place_has_coordinates_in_the_netherlands(demo):
    for place in Place.objects.select_related("building"):
        building = place.building
        assert geo.in_netherlands(building.latitude, building.longitude), place.name
        assert (building.x_rd, building.y_rd) != (0, 0), place.name


def test_every_place_has_an_opening_rule_and_an_organisation(demo):
    for place in Place.objects.all():
        assert place.opening_rules.exists(), place.name
        assert place.organisations.exists(), place.name


def test_the_five_networks_are_there_with_their_municipalities_cbs_codes(demo):
    codes = dict(Municipality.objects.values_list("name", "cbs_code"))

    assert codes == {
        "Borger-Odoorn": "GM1681",
        "Hoogeveen": "GM0118",
        "Noardeast-Fryslân": "GM1970",
        "Tytsjerksteradiel": "GM0737",
        "Dantumadiel": "GM1891",
        "Steenwijkerland": "GM1708",
        "Noordenveld": "GM1699",
    }
    villages = set(Place.objects.values_list("village", flat=True))
    assert {"Nieuw-Buinen", "Wolfsbos", "Burgum", "Dokkum", "Kollum", "De Westereen"} <= villages
    assert {"Norg", "Roden"} <= villages
    assert Place.objects.filter(municipality__slug="steenwijkerland").count() >= 10


def test_burgum_lies_in_tytsjerksteradiel_and_de_westereen_in_dantumadiel(demo):
    assert Place.objects.get(village="Burgum").municipality.name == "Tytsjerksteradiel"
    assert Place.objects.get(village="De Westereen").municipality.name == "Dantumadiel"
    assert Place.objects.get(village="Dokkum").municipality.name == "Noardeast-Fryslân"


def test_organisations_carry_the_themes_residents_can_bring_them(demo):
    place = Place.objects.get(slug="buurtkamer-nieuw-buinen")
    themes = {o.name: {t.code for t in o.themes.all()} for o in place.organisations.all()}

    assert themes["Lefier"] == {"housing"}
    assert themes["Politie Noord-Nederland"] == {"safety"}
    assert "money" in themes["Sociale teams Borger-Odoorn"]
    assert set(Place.objects.with_theme("money").values_list("slug", flat=True)) >= {
        "buurtkamer-nieuw-buinen",
        "ontmoetingsplek-norg",
    }

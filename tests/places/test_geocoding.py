"""Postcode to location: local CBS centroids by default, PDOK behind a setting, never broken."""

import pytest

from naober.places import geocoding


def test_local_table_knows_nieuw_buinen_without_network(settings, monkeypatch):
    settings.NAOBER_GEOCODER = "local"
    monkeypatch.setattr(geocoding, "fetch_json", pytest.fail)
    found = geocoding.locate_postcode("9521 AB")
    assert found.label == "9521 Nieuw-Buinen"
    assert found.x_rd == pytest.approx(258368.6)


def test_unknown_postcode_is_none(settings):
    settings.NAOBER_GEOCODER = "local"
    assert geocoding.locate_postcode("0999") is None
    assert geocoding.locate_postcode("abcd") is None


def test_pdok_gives_the_street_level_point(settings, monkeypatch):
    settings.NAOBER_GEOCODER = "pdok"
    asked = []

    def pdok(url):
        asked.append(url)
        return {
            "response": {
                "docs": [
                    {"centroide_ll": "POINT(6.9396 52.9627)", "woonplaatsnaam": "Nieuw-Buinen"}
                ]
            }
        }

    monkeypatch.setattr(geocoding, "fetch_json", pdok)
    found = geocoding.locate_postcode("9521ab")
    assert "postcode%3A9521AB" in asked[0]
    assert found.label == "9521 AB Nieuw-Buinen"
    assert found.x_rd != pytest.approx(258368.6)


def test_pdok_down_falls_back_to_the_local_table(settings, monkeypatch):
    settings.NAOBER_GEOCODER = "pdok"

    def down(url):
        raise OSError("connection refused")

    monkeypatch.setattr(geocoding, "fetch_json", down)
    assert geocoding.locate_postcode("9521 AB").label == "9521 Nieuw-Buinen"


def test_pdok_is_not_asked_for_four_digits(settings, monkeypatch):
    settings.NAOBER_GEOCODER = "pdok"
    monkeypatch.setattr(geocoding, "fetch_json", pytest.fail)
    assert geocoding.locate_postcode("9521").label == "9521 Nieuw-Buinen"

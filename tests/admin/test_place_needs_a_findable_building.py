"""A place can only be saved in a building residents can find: one with coordinates in the
Netherlands. Buildings require coordinates; this catches rows loaded without checks."""

from naober.places.models import Building

from .browser import errors_next_to
from .editing import in_dutch, open_place


def test_place_in_a_building_without_real_coordinates_is_refused(staff, nieuw_buinen):
    unplaced = Building.objects.create(
        name="Dorpshuis",
        street_address="Hoofdstraat 1",
        postcode="9521 AA",
        town="Nieuw-Buinen",
        latitude=0,
        longitude=0,
    )
    url, data = open_place(staff, nieuw_buinen)
    data["building"] = [str(unplaced.pk)]
    response = staff.post(url, data)
    assert response.status_code == 200
    assert errors_next_to(response, "building") == [
        in_dutch(
            "This building has no coordinates in the Netherlands yet. Correct the building "
            "first, so residents can find this place on the map."
        )
    ]
    nieuw_buinen.refresh_from_db()
    assert nieuw_buinen.building.name == "MFA Noorderbreedte"

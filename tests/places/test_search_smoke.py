import pytest

from naober.places.search import SearchError, search_places


def test_postcode_search_orders_by_distance(nieuw_buinen):
    result = search_places(q="9521 AB")
    place = result.places.get()
    assert place == nieuw_buinen
    assert result.origin.label == "9521 Nieuw-Buinen"
    assert place.distance_m < 3000


def test_unknown_postcode_says_so(db):
    with pytest.raises(SearchError, match="0000|1000"):
        search_places(postcode="1000")

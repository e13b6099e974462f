from naober.places.models import Place

URL = "/api/v1/places"


def names(response) -> list[str]:
    return [place["name"] for place in response.json()["results"]]


def test_the_list_holds_every_public_place_and_no_hidden_one(client, wolfsbos, hidden_place):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["count"] == 2
    assert sorted(names(response)) == ["Buurtkamer Nieuw-Buinen", "Huis van de Buurt Wolfsbos"]
    assert body["next"] is None and body["previous"] is None


def test_each_place_has_its_address_organisations_themes_and_accessibility(client, nieuw_buinen):
    (place,) = client.get(URL).json()["results"]
    assert place["id"] == nieuw_buinen.pk
    assert place["kind"] == "buurtkamer"
    assert place["municipality"] == "Borger-Odoorn"
    assert place["village"] == "Nieuw-Buinen"
    assert place["url"] == "http://testserver/plek/buurtkamer-nieuw-buinen/"
    assert place["address"] == {
        "street": "Noorderdiep 60",
        "postcode": "9521 BE",
        "town": "Nieuw-Buinen",
    }
    assert (place["latitude"], place["longitude"]) == (52.9627, 6.9396)
    assert place["organisations"] == ["Andes", "Lefier", "Politie Drenthe"]
    # Andes (welfare), Lefier (housing), the police (safety), and language help on Thursdays.
    assert place["themes"] == ["housing", "welfare", "language", "safety"]
    assert place["accessibility"] == {
        "step_free_entrance": True,
        "accessible_toilet": True,
        "hearing_loop": False,
        "parking": False,
    }
    assert place["facilities"] == {"kitchen": True, "computers": False, "garden": False}
    assert place["distance_m"] is None


def test_with_a_postcode_the_nearest_place_comes_first_with_its_distance(
    client, nieuw_buinen, wolfsbos
):
    results = client.get(URL, {"postcode": "9521 AB"}).json()["results"]
    assert [p["name"] for p in results] == ["Buurtkamer Nieuw-Buinen", "Huis van de Buurt Wolfsbos"]
    near, far = (p["distance_m"] for p in results)
    assert isinstance(near, int) and isinstance(far, int)
    assert near < 3_000
    assert 30_000 < far < 50_000


def test_from_hoogeveen_the_order_turns_round(client, nieuw_buinen, wolfsbos):
    response = client.get(URL, {"postcode": "7908"})
    assert names(response) == ["Huis van de Buurt Wolfsbos", "Buurtkamer Nieuw-Buinen"]


def test_a_town_typed_in_q_orders_by_distance_too(client, nieuw_buinen, wolfsbos):
    results = client.get(URL, {"q": "Hoogeveen"}).json()["results"]
    assert results[0]["name"] == "Huis van de Buurt Wolfsbos"
    assert all(isinstance(p["distance_m"], int) for p in results)


def test_a_theme_keeps_only_the_places_where_it_is_present(client, nieuw_buinen, wolfsbos):
    assert names(client.get(URL, {"theme": "safety"})) == ["Buurtkamer Nieuw-Buinen"]
    assert names(client.get(URL, {"theme": "care"})) == ["Huis van de Buurt Wolfsbos"]
    assert names(client.get(URL, {"theme": "youth"})) == []


def test_a_theme_word_in_q_finds_the_theme(client, nieuw_buinen, wolfsbos):
    # "politie" is a Dutch word for the safety theme; only Nieuw-Buinen has the police.
    assert names(client.get(URL, {"q": "politie"})) == ["Buurtkamer Nieuw-Buinen"]


def test_a_name_in_q_finds_the_place(client, nieuw_buinen, wolfsbos):
    assert names(client.get(URL, {"q": "Wolfsbos"})) == ["Huis van de Buurt Wolfsbos"]


def test_pages_link_to_each_other(client, nieuw_buinen, wolfsbos):
    first = client.get(URL, {"postcode": "9521", "page_size": 1}).json()
    assert first["count"] == 2
    assert [p["name"] for p in first["results"]] == ["Buurtkamer Nieuw-Buinen"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/places?postcode=9521&page_size=1&page=2"

    second = client.get(first["next"]).json()
    assert [p["name"] for p in second["results"]] == ["Huis van de Buurt Wolfsbos"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/places?postcode=9521&page_size=1&page=1"


def test_no_place_at_all_is_an_empty_first_page(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_a_postcode_search_does_not_run_a_query_per_place(
    client, nieuw_buinen, wolfsbos, django_assert_max_num_queries
):
    # Thirty more copies of the buurtkamer, each with its organisations and presence rules.
    for n in range(30):
        copy = Place.objects.create(
            name=f"Buurtkamer {n}",
            slug=f"buurtkamer-{n}",
            kind=nieuw_buinen.kind,
            building=nieuw_buinen.building,
            municipality=nieuw_buinen.municipality,
            village=f"Dorp {n}",
        )
        copy.organisations.set(nieuw_buinen.organisations.all())
        for rule in nieuw_buinen.presence_rules.all():
            rule.pk, rule.place = None, copy
            rule.save()

    # A count, the page, and one query for each kind of related row.
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"postcode": "9521", "page_size": 100})
    results = response.json()["results"]
    assert len(results) == 32
    assert all(p["themes"] == ["housing", "welfare", "language", "safety"] for p in results[:-1])

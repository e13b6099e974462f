def test_one_place_has_the_list_fields_and_its_details(client, nieuw_buinen):
    nieuw_buinen.description = "Kom binnen voor koffie en een vraag."
    nieuw_buinen.phone = "0599 123 456"
    nieuw_buinen.save()

    response = client.get(f"/api/v1/places/{nieuw_buinen.pk}")

    assert response.status_code == 200
    place = response.json()
    assert place["name"] == "Buurtkamer Nieuw-Buinen"
    assert place["url"] == "http://testserver/plek/buurtkamer-nieuw-buinen/"
    assert place["organisations"] == ["Andes", "Lefier", "Politie Drenthe"]
    assert place["description"] == "Kom binnen voor koffie en een vraag."
    assert place["phone"] == "0599 123 456"
    assert place["openings_url"] == f"http://testserver/api/v1/places/{nieuw_buinen.pk}/openings"
    assert place["distance_m"] is None


def test_a_hidden_place_is_not_found(client, hidden_place):
    response = client.get(f"/api/v1/places/{hidden_place.pk}")
    assert response.status_code == 404
    assert f"id {hidden_place.pk}" in response.json()["detail"]

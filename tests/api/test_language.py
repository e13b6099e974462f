"""The API lies outside the language-prefixed pages, so it takes the language from the
Accept-Language header: Dutch by default, English on request."""


def christmas(client, place, **headers):
    return client.get(
        f"/api/v1/places/{place.pk}/openings",
        {"start": "2026-12-25", "end": "2026-12-25"},
        headers=headers,
    )


def test_the_reason_for_a_closure_is_in_dutch_by_default(client, nieuw_buinen):
    response = christmas(client, nieuw_buinen)
    assert response.json()[0]["reason"] == "Eerste kerstdag"
    assert response["Content-Language"] == "nl"


def test_a_client_that_asks_for_english_gets_english(client, nieuw_buinen):
    response = christmas(client, nieuw_buinen, accept_language="en-GB,en;q=0.9")
    assert response.json()[0]["reason"] == "Christmas Day"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_the_place_url_points_to_the_page_in_the_asked_language(client, nieuw_buinen):
    url = f"/api/v1/places/{nieuw_buinen.pk}"
    assert client.get(url).json()["url"] == "http://testserver/plek/buurtkamer-nieuw-buinen/"
    english = client.get(url, headers={"accept-language": "en"}).json()
    assert english["url"] == "http://testserver/en/plek/buurtkamer-nieuw-buinen/"


def test_a_language_naober_does_not_speak_falls_back_to_dutch(client, nieuw_buinen):
    response = christmas(client, nieuw_buinen, accept_language="ja")
    assert response.json()[0]["reason"] == "Eerste kerstdag"

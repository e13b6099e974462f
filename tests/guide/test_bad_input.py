"""Whatever a resident types or a link carries, the guide answers with a page that names the
problem: never a server error, never their input echoed as markup."""

import pytest

SEARCHES = [
    # (query string, what the page says)
    ({"q": "0000"}, "is not a postcode"),
    ({"q": "1000"}, "We do not know postcode 1000"),
    ({"q": "abcd"}, "0 places for “abcd”"),
    ({"q": "x" * 10_000}, "Your search is too long"),
    ({"q": "<script>alert(1)</script>"}, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ({"q": "9521", "theme": "unicorns"}, "Choose a theme from the list."),
    ({"q": "9521", "page": "999"}, "1 place near 9521"),
    ({"q": "9521", "page": "abc"}, "1 place near 9521"),
    ({"q": "\x00"}, "Postcode or village"),
]


@pytest.mark.parametrize(("params", "message"), SEARCHES)
def test_bad_searches_get_a_clear_answer(client, nieuw_buinen, monday_morning, params, message):
    response = client.get("/en/", params)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert message in html
    assert "<script>alert(1)" not in html


def test_a_rejected_search_marks_the_field_for_screen_readers(client, db):
    html = client.get("/en/", {"q": "0000"}).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_q_hint id_q_error"' in html
    assert 'id="id_q_error"' in html
    assert 'value="0000"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/plek/does-not-exist/",
        "/plek/does-not-exist/agenda.ics",
        "/gemeente/nowhere/",
        "/gemeente/nowhere/agenda.ics",
        "/plek/%3Cscript%3E/",
        "/plek/1'%20OR%201=1/",
        "/en/plek/does-not-exist/",
    ],
)
def test_unknown_or_malformed_addresses_get_a_friendly_not_found_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    expected = (
        "We cannot find this page"
        if url.startswith("/en/")
        else "We kunnen deze pagina niet vinden"
    )
    assert expected in response.content.decode()


def test_a_hidden_place_is_not_found(client, nieuw_buinen):
    nieuw_buinen.is_public = False
    nieuw_buinen.save()
    assert client.get("/plek/buurtkamer-nieuw-buinen/").status_code == 404


OVERVIEW = [
    ({"months": "7"}, "Choose one month or three months."),
    ({"months": "-1"}, "Choose one month or three months."),
    ({"start": "2026-13"}, "Type the month as year and month"),
    ({"start": "march"}, "Type the month as year and month"),
    ({"start": "2026-3-1"}, "Type the month as year and month"),
    ({"start": "<b>2026</b>"}, "Type the month as year and month"),
    ({"start": "2030-01"}, "Choose a month between 2025-03 and 2028-03."),
    ({"start": "1900-01"}, "Choose a month between 2025-03 and 2028-03."),
    ({"start": "9" * 5000}, "Type the month as year and month"),
]


@pytest.mark.parametrize(("params", "message"), OVERVIEW)
def test_bad_overview_periods_get_a_clear_message(
    client, nieuw_buinen, monday_morning, params, message
):
    response = client.get("/en/gemeente/borger-odoorn/", params)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "<b>2026</b>" not in html


def test_posting_to_a_page_is_refused_politely(client, nieuw_buinen):
    response = client.post("/plek/buurtkamer-nieuw-buinen/")
    assert response.status_code == 405

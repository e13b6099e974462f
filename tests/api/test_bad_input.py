"""Bad input gets a 4xx JSON answer that names the problem: never a 500, never an HTML page,
never markup echoed back. English is asked for, so the messages can be compared as written."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LIST = "/api/v1/places"
ONE = "/api/v1/places/{id}"
OPENINGS = "/api/v1/places/{id}/openings"

CASES = [
    # (path, query, status, words the message must contain)
    (LIST, {"postcode": "1000"}, 400, "postcode 1000"),
    (LIST, {"postcode": "abcd"}, 400, "is not a postcode"),
    (LIST, {"postcode": "95210"}, 400, "is not a postcode"),
    (LIST, {"q": "a" * 10_000}, 400, "too long"),
    (LIST, {"postcode": "9" * 10_000}, 400, "too long"),
    (LIST, {"theme": "astrology"}, 400, "theme"),
    (LIST, {"q": "<script>alert(1)</script>"}, 400, "q contains characters that are not allowed"),
    (LIST, {"postcode": "<b>9521</b>"}, 400, "postcode contains characters"),
    (LIST, {"theme": "<i>money</i>"}, 400, "theme contains characters"),
    (LIST, {"q": "Buinen\x00"}, 400, "q contains characters"),
    (LIST, {"page": "0"}, 400, "page must be 1 or more"),
    (LIST, {"page": "-3"}, 400, "page must be 1 or more"),
    (LIST, {"page": "abc"}, 400, "page must be a whole number"),
    (LIST, {"page": "1.5"}, 400, "page must be a whole number"),
    (LIST, {"page_size": "0"}, 400, "page_size must be 1 or more"),
    (LIST, {"page_size": "101"}, 400, "page_size must be 100 or less"),
    (LIST, {"page": "2"}, 404, "There is no page 2: the last page is 1."),
    (LIST, {"page": str(10**30)}, 404, "There is no page"),
    (LIST, {"page": "9" * 5000}, 400, "page is far too large a number"),
    (LIST, {"page_size": "9" * 5000}, 400, "page_size is far too large a number"),
    (ONE.format(id="abc"), {}, 400, "id must be a whole number"),
    (ONE.format(id="1e9"), {}, 400, "id must be a whole number"),
    (ONE.format(id="-1"), {}, 404, "There is no place with id -1."),
    (ONE.format(id="0"), {}, 404, "There is no place with id 0."),
    (ONE.format(id="987654"), {}, 404, "There is no place with id 987654."),
    (ONE.format(id="9" * 40), {}, 404, "There is no place with id"),
    (ONE.format(id="%3Cscript%3E"), {}, 400, "id must be a whole number"),
    (OPENINGS.format(id="987654"), {}, 404, "There is no place with id 987654."),
    (OPENINGS.format(id="abc"), {}, 400, "id must be a whole number"),
    ("/api/v1/plekken", {}, 404, "nothing at this address"),
]
# The openings of the buurtkamer; {id} is filled in with its id.
OPENINGS_CASES = [
    ({"start": "2026-13-45"}, "start must be a date written as YYYY-MM-DD"),
    ({"start": "yesterday"}, "start must be a date written as YYYY-MM-DD"),
    ({"end": "2026-1-1"}, "end must be a date written as YYYY-MM-DD"),
    ({"end": "20261201"}, "end must be a date written as YYYY-MM-DD"),
    ({"start": "<script>"}, "start must be a date"),
    (
        {"start": "2026-02-01", "end": "2026-01-01"},
        "end (2026-01-01) is before start (2026-02-01).",
    ),
    ({"start": "1999-12-31"}, "start (1999-12-31) must lie between 2000-01-01 and 2100-12-31."),
    ({"start": "2100-12-31", "end": "2101-01-01"}, "end (2101-01-01) must lie between"),
    ({"start": "0001-01-01"}, "must lie between"),
    ({"start": "2026-01-01", "end": "2027-01-02"}, "at most 366 days at a time"),
]


def assert_json_error(response, status: int, words: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    # Markup that came in never goes out as markup.
    assert b"<" not in response.content and b">" not in response.content
    body = response.json()
    assert list(body) == ["detail"]
    assert words in body["detail"]


@pytest.mark.parametrize(("path", "query", "status", "words"), CASES)
def test_bad_input_gets_a_json_error_that_names_the_problem(
    client, nieuw_buinen, path, query, status, words
):
    response = client.get(path, query, headers={"accept-language": "en"})
    assert_json_error(response, status, words)


@pytest.mark.parametrize(("query", "words"), OPENINGS_CASES)
def test_bad_dates_get_a_json_error_that_names_the_problem(client, nieuw_buinen, query, words):
    response = client.get(
        OPENINGS.format(id=nieuw_buinen.pk), query, headers={"accept-language": "en"}
    )
    assert_json_error(response, 400, words)


def test_several_problems_are_named_together(client, db):
    response = client.get(
        LIST, {"page": "x", "page_size": "500"}, headers={"accept-language": "en"}
    )
    assert_json_error(response, 400, "page must be a whole number. page_size must be 100 or less.")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_refused_in_json(client, nieuw_buinen, method):
    response = getattr(client, method)(LIST, headers={"accept-language": "en"})
    assert_json_error(response, 405, "only answers GET requests")
    assert response["Allow"] == "GET"


def test_a_search_that_finds_nothing_is_not_an_error(client, nieuw_buinen):
    response = client.get(LIST, {"q": "Zzyzx"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


ANY_TEXT = st.text(max_size=300)
NO_5XX = settings(
    max_examples=75,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@NO_5XX
@given(q=ANY_TEXT, postcode=ANY_TEXT, theme=st.sampled_from(["", "money", "housing"]))
def test_no_search_text_breaks_the_list(client, nieuw_buinen, q, postcode, theme):
    response = client.get(LIST, {"q": q, "postcode": postcode, "theme": theme})
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json; charset=utf-8"


@NO_5XX
@given(start=ANY_TEXT, end=ANY_TEXT)
def test_no_date_text_breaks_the_openings(client, nieuw_buinen, start, end):
    response = client.get(OPENINGS.format(id=nieuw_buinen.pk), {"start": start, "end": end})
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json; charset=utf-8"


@NO_5XX
@given(id=st.text(min_size=1, max_size=50).filter(lambda s: s not in (".", "..")))
def test_no_id_breaks_the_place_page(client, nieuw_buinen, id):
    response = client.get(ONE.format(id=quote(id, safe="")))
    assert 200 <= response.status_code < 500
    assert response["Content-Type"] == "application/json; charset=utf-8"

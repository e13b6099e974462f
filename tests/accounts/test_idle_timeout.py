"""A staff session ends after 30 minutes without a request; each request starts the 30 minutes
again."""

from django.urls import reverse

from tests.staff import login

HOME = "/accounts/"


def test_after_31_minutes_idle_the_next_page_asks_to_log_in(client, clock, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    assert client.get(HOME).status_code == 200
    clock.shift(31 * 60)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_after_29_minutes_idle_she_is_still_in(client, clock, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    assert client.get(HOME).status_code == 200
    clock.shift(29 * 60)
    assert client.get(HOME).status_code == 200


def test_every_request_starts_the_idle_time_again(client, clock, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    for _ in range(4):
        clock.shift(29 * 60)
        assert client.get(HOME).status_code == 200

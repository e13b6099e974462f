"""Public pages are kept for a minute: fast for the next resident, never long out of date."""

from datetime import timedelta

import time_machine

from naober.schedules.models import Closure


def test_a_cancellation_shows_on_the_place_page_within_the_cache_time(
    client, nieuw_buinen, monday_morning, settings
):
    settings.NAOBER_GUIDE_CACHE_SECONDS = 60
    url = nieuw_buinen.get_absolute_url()
    assert "Ziek" not in client.get(url).content.decode()
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=monday_morning.date() + timedelta(days=1),
        end_date=monday_morning.date() + timedelta(days=1),
        reason="Ziek",
    )

    # Within the minute the kept page answers; after it the cancellation is there.
    assert "Ziek" not in client.get(url).content.decode()
    with time_machine.travel(monday_morning + timedelta(seconds=61), tick=False):
        assert "Ziek" in client.get(url).content.decode()


def test_a_search_with_a_mistake_is_never_kept(client, nieuw_buinen, monday_morning, settings):
    settings.NAOBER_GUIDE_CACHE_SECONDS = 60
    assert client.get("/", {"q": "0000"}).status_code == 400
    response = client.get("/", {"q": "0000"})
    assert response.status_code == 400
    assert "max-age" not in response.get("Cache-Control", "")


def test_the_cache_can_be_turned_off(client, nieuw_buinen, monday_morning, settings):
    settings.NAOBER_GUIDE_CACHE_SECONDS = 0
    url = nieuw_buinen.get_absolute_url()
    client.get(url)
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=monday_morning.date() + timedelta(days=1),
        end_date=monday_morning.date() + timedelta(days=1),
        reason="Ziek",
    )
    assert "Ziek" in client.get(url).content.decode()


def test_dutch_and_english_pages_are_kept_apart(client, nieuw_buinen, monday_morning, settings):
    settings.NAOBER_GUIDE_CACHE_SECONDS = 60
    dutch = client.get("/", {"q": "9521"})
    english = client.get("/en/", {"q": "9521"})
    assert dutch["Content-Language"] == "nl"
    assert english["Content-Language"] == "en"
    assert client.get("/", {"q": "9521"})["Content-Language"] == "nl"

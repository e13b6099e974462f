"""Browser tests: Playwright driving Debian's Chromium (headless) against pytest-django's live server.

One Chromium for all browser tests, a fresh context (cookies, storage, JavaScript on or off) per
test. Every request that does not go to the live server is aborted, as on a machine without
network: map tiles fail at once and the pages must stay usable without them.

Chromium comes from the system package (`apt-get install chromium`), not from Playwright's own
download; NAOBER_CHROMIUM points elsewhere, for instance on a developer's laptop.
"""

import os
from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from naober.places.constants import PlaceKind
from naober.places.models import Building, Place
from naober.schedules.models import Closure, OpeningRule
from naober.schedules.openings import today
from tests.staff import login

CHROMIUM = Path(os.environ.get("NAOBER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No network here: without these Chromium keeps retrying its own background connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages are local and small; a locator that waits longer than this has found a real problem.
TIMEOUT_MS = 5_000

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# One Chromium for all browser tests. Not for the whole session: while Playwright's event loop
# runs, code in this thread looks async to Django and asyncio, so it stops after the last one.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread; Django would then
        # refuse the ORM calls that build each test's data.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        before = {alias: connections[alias] for alias in connections}
        playwright = sync_playwright().start()
        # With that loop running, Django looks its connections up in async (context-variable)
        # storage and would open fresh ones, without the test database's serialized contents;
        # hand it the same connections, so tests and the live server share them.
        for alias, connection in before.items():
            connections[alias] = connection
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
        finally:
            playwright.stop()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """Open a page in a new browser context: `new_page()`, or `new_page(javascript=False)`."""
    contexts = []

    def only_live_server(route):
        if route.request.url.startswith(live_server.url + "/"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def make(javascript: bool = True, locale: str = "nl-NL"):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, locale=locale
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", only_live_server)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe) -> Callable[[object], None]:
    """Run axe-core on the page as it is now; fail with axe's report on any WCAG 2.1 A/AA or
    2.2 AA violation."""

    def check(page) -> None:
        # Styles first: right after a form post the new page may still be fetching its
        # stylesheet, and axe would measure unstyled targets (seen once on a loaded machine).
        page.wait_for_load_state("load")
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def network(
    django_db_serialized_rollback, nieuw_buinen, wolfsbos, borger_odoorn, andes
) -> dict[str, Place]:
    """A small network: the buurtkamer in Nieuw-Buinen, a second place in Borger-Odoorn (so the
    overview has two villages), and the Huis van de Buurt in Hoogeveen. Rules run from 2025 so
    there are openings whatever today's date; one cancellation next week gives the place page a
    closure with its reason.

    Live-server tests empty the database after each test; the serialized rollback brings back
    the rows the migrations made (the question themes) before the next one."""
    OpeningRule.objects.filter(place=nieuw_buinen).update(valid_from=date(2025, 1, 1))
    next_week = today() + timedelta(days=7)
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=next_week,
        end_date=next_week,
        reason="The host is on a course",
    )
    building = Building.objects.create(
        name="Dorpshuis Borger",
        street_address="Hoofdstraat 1",
        postcode="9531 AA",
        town="Borger",
        latitude=52.9235,
        longitude=6.7933,
        parking=True,
    )
    borger = Place.objects.create(
        name="Ontmoetingsplek Borger",
        slug="ontmoetingsplek-borger",
        kind=PlaceKind.MEETING_PLACE,
        building=building,
        municipality=borger_odoorn,
        village="Borger",
    )
    borger.organisations.add(andes)
    OpeningRule.objects.create(
        place=borger,
        frequency="monthly",
        week_of_month=2,
        weekdays=[1],
        valid_from=date(2025, 1, 1),
        start_time=time(13, 30),
        end_time=time(15, 30),
    )
    return {"nieuw_buinen": nieuw_buinen, "borger": borger, "wolfsbos": wolfsbos}


@pytest.fixture
def page_as(new_page, live_server, django_db_serialized_rollback):
    """A page logged in as this person, past the second factor: the session is made by the test
    client and its cookie handed to the browser."""

    def make(user, javascript: bool = True):
        client = login(Client(), user)
        page = new_page(javascript=javascript, locale="en-GB")
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return make

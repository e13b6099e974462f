"""The visit counter at the desk: one touch counts a visit, the second gives it a theme, undo takes
it back; the same touch arriving twice counts once, and another host's desk is not there."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk import visits
from naober.desk.models import Visit
from tests.staff import login

MONDAY = date(2026, 3, 2)
DESK = f"/en/balie/buurtkamer-nieuw-buinen/{MONDAY}/"
WOLFSBOS_DESK = f"/en/balie/huis-van-de-buurt-wolfsbos/{MONDAY}/"


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(datetime(2026, 3, 2, 10, 15, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        yield


@pytest.fixture
def host(client, host_nieuw_buinen):
    return login(client, host_nieuw_buinen)


def count(client, key=None, desk=DESK):
    return client.post(desk + "bezoek/", {"key": str(key or uuid.uuid4())})


def choose(client, visit, theme, desk=DESK):
    return client.post(f"{desk}bezoek/{visit.pk}/thema/", {"theme": theme})


def undo(client, visit, desk=DESK):
    return client.post(f"{desk}bezoek/{visit.pk}/ongedaan/")


def totals(place, day=MONDAY):
    return visits.day_counts(place, day)


def test_visit_plus_one_counts_a_visit_and_asks_for_its_theme(host, nieuw_buinen):
    response = count(host)

    visit = Visit.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{DESK}?visit={visit.pk}#theme"
    page = host.get(response["Location"]).content.decode()
    assert "Visit of 10:15 counted. What was the question about?" in page
    assert 'value="housing"' in page and "Language, numeracy and computers" in page
    assert "No theme" in page and "Undo this visit" in page
    assert visit.place == nieuw_buinen and visit.day == MONDAY and visit.theme is None


def test_the_same_touch_sent_twice_counts_once(host, nieuw_buinen):
    key = uuid.uuid4()

    first = count(host, key)
    second = count(host, key)

    assert first["Location"] == second["Location"]
    assert totals(nieuw_buinen)[0] == 1


def test_every_look_at_the_desk_offers_a_fresh_touch(host):
    keys = {host.get(DESK).content.decode().split('name="key" value="')[1][:36] for _ in range(2)}

    assert len(keys) == 2


def test_a_theme_chosen_for_the_visit_is_counted_under_that_theme(host, nieuw_buinen):
    count(host)
    visit = Visit.objects.get()

    response = choose(host, visit, "money")

    assert response.status_code == 303
    assert response["Location"] == f"{DESK}#counter"
    visit.refresh_from_db()
    assert visit.theme.code == "money"
    assert totals(nieuw_buinen)[1]["money"] == 1


def test_choosing_the_same_theme_twice_is_the_same_as_once(host, nieuw_buinen):
    count(host)
    visit = Visit.objects.get()

    choose(host, visit, "care")
    choose(host, visit, "care")

    assert totals(nieuw_buinen) == (1, {"care": 1})
    assert AuditEvent.objects.filter(action=AuditAction.VISIT_CHANGED).count() == 1


def test_no_theme_leaves_the_visit_counted_without_one(host, nieuw_buinen):
    count(host)
    visit = Visit.objects.get()
    choose(host, visit, "care")

    choose(host, visit, "")

    visit.refresh_from_db()
    assert visit.theme is None
    assert totals(nieuw_buinen) == (1, {"": 1})


def test_undo_takes_the_visit_out_of_the_count_and_twice_is_the_same(host, nieuw_buinen):
    count(host)
    count(host)
    visit = Visit.objects.order_by("pk").first()

    first = undo(host, visit)
    second = undo(host, visit)

    assert first.status_code == second.status_code == 303
    assert first["Location"] == f"{DESK}#counter"
    assert totals(nieuw_buinen)[0] == 1
    assert AuditEvent.objects.filter(action=AuditAction.VISIT_CHANGED).count() == 1
    page = host.get(DESK).content.decode()
    assert "Taken back" in page


def test_an_undone_touch_sent_again_does_not_count_again(host, nieuw_buinen):
    key = uuid.uuid4()
    count(host, key)
    undo(host, Visit.objects.get())

    response = count(host, key)

    assert totals(nieuw_buinen)[0] == 0
    assert "was taken back" in host.get(response["Location"]).content.decode()


def test_the_day_shows_its_total_and_the_count_per_theme(host, nieuw_buinen):
    for theme in ["housing", "housing", "money", None]:
        count(host)
        if theme:
            choose(host, Visit.objects.first(), theme)
    count(host)
    undo(host, Visit.objects.first())

    page = host.get(DESK).content.decode()

    assert totals(nieuw_buinen) == (4, {"housing": 2, "money": 1, "": 1})
    assert '<span class="total__number">4</span> visits' in page
    assert '<th scope="row">Housing</th><td class="number">2</td>' in page
    assert '<th scope="row">Money and debt</th><td class="number">1</td>' in page
    assert '<th scope="row">No theme</th><td class="number">1</td>' in page


def test_another_hosts_desk_is_not_found(client, host_wolfsbos, nieuw_buinen):
    login(client, host_wolfsbos)

    assert client.get("/en/balie/buurtkamer-nieuw-buinen/").status_code == 404
    assert client.get(DESK).status_code == 404
    assert count(client).status_code == 404
    assert not Visit.objects.exists()
    assert client.get(WOLFSBOS_DESK).status_code == 200


def test_a_visit_of_another_place_or_day_is_not_found(host, host_wolfsbos, wolfsbos, nieuw_buinen):
    elsewhere, _ = visits.count_visit(wolfsbos, MONDAY, key=uuid.uuid4(), by=host_wolfsbos)
    yesterday, _ = visits.count_visit(
        nieuw_buinen, date(2026, 3, 1), key=uuid.uuid4(), by=host_wolfsbos
    )

    for visit in (elsewhere, yesterday):
        assert host.get(f"{DESK}?visit={visit.pk}").status_code == 404
        assert choose(host, visit, "housing").status_code == 404
        assert undo(host, visit).status_code == 404
    assert host.get(f"{DESK}?visit=not-a-number").status_code == 404
    assert Visit.objects.filter(theme__isnull=False).count() == 0
    assert Visit.objects.counted().count() == 2


def test_looking_never_changes_the_count(host, nieuw_buinen):
    count(host)
    visit = Visit.objects.get()

    host.get(DESK)
    host.get(f"{DESK}?visit={visit.pk}")
    assert host.get(DESK + "bezoek/").status_code == 405
    assert host.get(f"{DESK}bezoek/{visit.pk}/thema/?theme=housing").status_code == 405
    assert host.get(f"{DESK}bezoek/{visit.pk}/ongedaan/").status_code == 405

    assert totals(nieuw_buinen) == (1, {"": 1})


@pytest.mark.parametrize("key", ["", "not-a-key", "123"])
def test_a_broken_touch_is_refused_with_a_message_saying_what_to_do(host, nieuw_buinen, key):
    response = host.post(DESK + "bezoek/", {"key": key})

    assert response.status_code == 400
    assert "This visit was not counted" in response.content.decode()
    assert 'aria-describedby="count-error"' in response.content.decode()
    assert not Visit.objects.exists()


def test_a_touch_that_counted_elsewhere_is_refused(host, host_wolfsbos, wolfsbos, nieuw_buinen):
    key = uuid.uuid4()
    visits.count_visit(wolfsbos, MONDAY, key=key, by=host_wolfsbos)

    response = count(host, key)

    assert response.status_code == 400
    assert "This visit was not counted" in response.content.decode()
    assert totals(nieuw_buinen)[0] == 0


def test_an_unknown_theme_is_refused_with_a_message(host, nieuw_buinen):
    count(host)
    visit = Visit.objects.get()

    response = choose(host, visit, "gardening")
    missing = host.post(f"{DESK}bezoek/{visit.pk}/thema/", {})

    assert response.status_code == missing.status_code == 400
    assert "This theme does not exist" in response.content.decode()
    assert 'aria-describedby="theme-error"' in response.content.decode()
    visit.refresh_from_db()
    assert visit.theme is None


def test_a_day_that_has_not_come_cannot_be_counted(host, nieuw_buinen):
    tomorrow = "/en/balie/buurtkamer-nieuw-buinen/2026-03-03/"

    page = host.get(tomorrow).content.decode()
    response = count(host, desk=tomorrow)

    assert "Visit +1" not in page
    assert response.status_code == 400
    assert not Visit.objects.exists()


def test_a_day_gone_by_can_still_be_counted(host, nieuw_buinen):
    friday = "/en/balie/buurtkamer-nieuw-buinen/2026-02-27/"

    response = count(host, desk=friday)

    assert response.status_code == 303
    assert totals(nieuw_buinen, date(2026, 2, 27))[0] == 1
    assert totals(nieuw_buinen)[0] == 0


def test_the_audit_trail_says_what_happened_to_which_visit_and_nothing_else(
    host, host_nieuw_buinen
):
    count(host)
    visit = Visit.objects.get()
    choose(host, visit, "housing")
    undo(host, visit)

    events = list(
        AuditEvent.objects.filter(object_type="desk.visit")
        .order_by("pk")
        .values("action", "object_id", "detail", "actor")
    )

    assert events == [
        {
            "action": "visit_counted",
            "object_id": str(visit.pk),
            "detail": {"place": visit.place_id, "day": visit.day.isoformat(), "theme": ""},
            "actor": host_nieuw_buinen.username,
        },
        {
            "action": "visit_changed",
            "object_id": str(visit.pk),
            "detail": {"theme": "housing"},
            "actor": host_nieuw_buinen.username,
        },
        {
            "action": "visit_changed",
            "object_id": str(visit.pk),
            "detail": {"undone": True},
            "actor": host_nieuw_buinen.username,
        },
    ]


def test_the_counter_needs_a_host_who_has_passed_the_second_factor(client, host_nieuw_buinen):
    assert client.get(DESK).status_code == 302
    assert count(client).status_code == 302

    login(client, host_nieuw_buinen, verified=False)
    response = count(client)

    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert not Visit.objects.exists()

"""Staff and volunteers change their shifts with the keyboard alone (Tab, Enter, Space; no
mouse), with JavaScript on: Vera gives her Thursday away, Wim takes it, and once the
coordinator has approved (the rule function, as the coordinator's page would call it) the
shift is Wim's; Vera proposes a swap on the swap form and Anke says yes. axe-core finds no
WCAG 2.2 AA fault on "my shifts" and the swap form, in Dutch and English."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from naober.accounts.constants import Role
from naober.rosters import changes
from naober.rosters.constants import AssignmentStatus, ChangeKind, ChangeStatus, Source
from naober.rosters.models import Assignment, Shift, ShiftChange
from tests.staff import make_staff

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}
# Header links and every shift's buttons; more Tabs than this means the target is not
# reachable by keyboard.
MAX_TABS = 60


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


def hidden_part(visible: str, hidden: str) -> re.Pattern:
    """A button's name: its visible words and, for screen readers, which shift (Chromium puts
    a space before the hidden part's colon)."""
    return re.compile(rf"^{re.escape(visible)} ?: {re.escape(hidden)}$")


def on_shift(shift: Shift) -> set[str]:
    return set(
        shift.assignments.filter(status=AssignmentStatus.CONFIRMED).values_list(
            "person__name", flat=True
        )
    )


def test_vera_gives_her_shift_away_and_wim_takes_it_with_the_keyboard(
    page_as, live_week, andes, borger_odoorn
):
    thursday = live_week["thursday"]
    vera_page = page_as(live_week["vera"].user)
    vera_page.goto("/en/rooster/")
    expect(vera_page.get_by_role("heading", level=1)).to_contain_text("My shifts")

    tab_to(
        vera_page,
        vera_page.get_by_role("button", name=hidden_part("Give away", "Thursday 3 December")),
    )
    vera_page.keyboard.press("Enter")

    expect(vera_page.get_by_role("status")).to_contain_text("You offered your shift of Thursday")
    offers = vera_page.get_by_role("region", name="Your offers and requests")
    expect(offers).to_contain_text("Nobody has taken it yet: until someone does, it stays yours.")
    offer = ShiftChange.objects.get()
    assert (offer.kind, offer.status) == (ChangeKind.GIVE_AWAY, ChangeStatus.OPEN)

    wim_page = page_as(live_week["wim"].user)
    wim_page.goto("/en/rooster/")
    open_shifts = wim_page.get_by_role("region", name="Open shifts you can take")
    expect(open_shifts).to_contain_text("Given away by Vera.")
    tab_to(
        wim_page,
        open_shifts.get_by_role(
            "button",
            name=hidden_part("Take this shift", "Thursday 3 December, Buurtkamer Nieuw-Buinen"),
        ),
    )
    wim_page.keyboard.press("Space")

    expect(wim_page.get_by_role("status")).to_contain_text("The coordinator decides")
    offer.refresh_from_db()
    assert (offer.status, offer.to_person) == (ChangeStatus.PENDING, live_week["wim"])
    assert on_shift(thursday) == {"Anke", "Vera"}

    coordinator = make_staff(
        "coordinator-andes", andes, Role.COORDINATOR, municipality=borger_odoorn
    )
    changes.decide(offer, approve=True, by=coordinator)

    vera_page.reload()
    coming = vera_page.get_by_role("region", name="Your coming shifts")
    expect(coming).to_contain_text("Tuesday 1 December 2026")
    expect(coming).not_to_contain_text("Thursday 3 December 2026")
    wim_page.reload()
    expect(wim_page.get_by_role("region", name="Your coming shifts")).to_contain_text(
        "Thursday 3 December 2026"
    )
    assert on_shift(thursday) == {"Anke", "Wim"}


def test_vera_proposes_a_swap_and_anke_says_yes_with_the_keyboard(page_as, swappable):
    thursday, next_tuesday = swappable["thursday"], swappable["next_tuesday"]
    vera_page = page_as(swappable["vera"].user)
    vera_page.goto("/en/rooster/")

    tab_to(
        vera_page, vera_page.get_by_role("link", name=hidden_part("Swap", "Thursday 3 December"))
    )
    vera_page.keyboard.press("Enter")

    expect(vera_page.get_by_role("heading", level=1)).to_have_text("Swap a shift")
    choice = vera_page.get_by_role(
        "radio", name=re.compile(r"^Anke: Tuesday 8 December 2026, 9:00–12:00")
    )
    tab_to(vera_page, choice)
    vera_page.keyboard.press("Space")
    expect(choice).to_be_checked()
    tab_to(vera_page, vera_page.get_by_role("button", name="Propose the swap"))
    vera_page.keyboard.press("Enter")

    expect(vera_page.get_by_role("status")).to_contain_text("You proposed the swap to Anke.")
    swap = ShiftChange.objects.get()
    assert (swap.kind, swap.status, swap.swap_shift) == (
        ChangeKind.SWAP,
        ChangeStatus.OPEN,
        next_tuesday,
    )

    anke_page = page_as(swappable["anke"].user)
    anke_page.goto("/en/rooster/")
    proposals = anke_page.get_by_role("region", name="Swaps proposed to you")
    expect(proposals).to_contain_text("Vera asks to swap")
    tab_to(
        anke_page,
        proposals.get_by_role("button", name=hidden_part("Yes, swap", "Thursday 3 December")),
    )
    anke_page.keyboard.press("Enter")

    expect(anke_page.get_by_role("status")).to_contain_text("You said yes to the swap.")
    swap.refresh_from_db()
    assert swap.status == ChangeStatus.PENDING
    # Both keep their own shifts until the coordinator approves.
    assert on_shift(thursday) == {"Vera", "Wim"}
    assert on_shift(next_tuesday) == {"Anke"}


@pytest.fixture
def full_page(swappable):
    """Vera's page with every part filled: a shift she is asked to take, a swap proposed to
    her, an offer of her own, and an open shift she may take."""
    vera, anke = swappable["vera"], swappable["anke"]
    base = swappable["next_tuesday"]
    later = [
        Shift.objects.create(
            roster=base.roster,
            place=base.place,
            opening_key=f"later-{weeks}",
            start=base.start + timedelta(weeks=weeks),
            end=base.end + timedelta(weeks=weeks),
            people=1,
            skills={"hosting": 1},
        )
        for weeks in (1, 2)
    ]
    Assignment.objects.create(
        shift=later[0], person=vera, status=AssignmentStatus.ASKED, source=Source.REPAIR
    )
    ShiftChange.objects.create(
        kind=ChangeKind.SWAP,
        shift=swappable["next_tuesday"],
        from_person=anke,
        to_person=vera,
        swap_shift=swappable["thursday"],
    )
    changes.give_away(
        vera, Shift.objects.get(start=swappable["thursday"].start - timedelta(days=2))
    )
    return swappable


@pytest.mark.parametrize("language", PREFIX)
def test_my_shifts_has_no_wcag_violations(page_as, full_page, assert_accessible, language):
    page = page_as(full_page["vera"].user)

    response = page.goto(PREFIX[language] + "/rooster/")

    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    # Every part is there: asked, proposed to her, her offer, an open shift, the calendar.
    expect(page.get_by_role("region")).to_have_count(6)
    expect(page.locator("form[action*='/antwoord/']")).to_have_count(2)
    expect(page.locator("form[action*='/intrekken/']")).to_have_count(1)
    expect(page.locator("form[action*='/nemen/']")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_swap_form_has_no_wcag_violations_also_with_its_error(
    page_as, swappable, assert_accessible, language
):
    page = page_as(swappable["vera"].user)
    thursday = swappable["thursday"]

    response = page.goto(f"{PREFIX[language]}/rooster/dienst/{thursday.pk}/ruilen/")

    assert response.status == 200
    expect(page.get_by_role("radio")).to_have_count(1)
    assert_accessible(page)

    # Sent without a choice: the error is announced and tied to the choice.
    page.locator("form[novalidate] button[type=submit]").press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("radio")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

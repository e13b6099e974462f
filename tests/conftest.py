"""Shared personas and places for the whole suite.

The buurtkamer in Nieuw-Buinen (Borger-Odoorn) is the place most tests talk about: open every
weekday 9–12, Thursday mornings help with language and computers, the police on the first Monday
of the month.
"""

from datetime import date, time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from naober.accounts.constants import Role
from naober.places.constants import OrganisationKind, PlaceKind
from naober.places.models import Building, Municipality, Organisation, Place, Theme
from naober.schedules.models import OpeningRule, PresenceRule
from tests.staff import STAFF_PASSWORD, make_staff


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Staff personas have real passwords; hashing them the production way (PBKDF2, a million
    rounds) would cost a second per test. What is tested is the login, not the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page cached by one test must not answer another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Dutch: a request to an /en/ page leaves English active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def borger_odoorn(db) -> Municipality:
    return Municipality.objects.create(
        name="Borger-Odoorn", slug="borger-odoorn", cbs_code="GM1681"
    )


@pytest.fixture
def andes(db) -> Organisation:
    org = Organisation.objects.create(name="Andes", kind=OrganisationKind.WELFARE)
    org.themes.add(Theme.objects.get(code="welfare"))
    return org


@pytest.fixture
def lefier(db) -> Organisation:
    org = Organisation.objects.create(name="Lefier", kind=OrganisationKind.HOUSING)
    org.themes.add(Theme.objects.get(code="housing"))
    return org


@pytest.fixture
def police(db) -> Organisation:
    org = Organisation.objects.create(name="Politie Drenthe", kind=OrganisationKind.POLICE)
    org.themes.add(Theme.objects.get(code="safety"))
    return org


@pytest.fixture
def noorderbreedte(db) -> Building:
    return Building.objects.create(
        name="MFA Noorderbreedte",
        street_address="Noorderdiep 60",
        postcode="9521 BE",
        town="Nieuw-Buinen",
        latitude=52.9627,
        longitude=6.9396,
        step_free_entrance=True,
        accessible_toilet=True,
        kitchen=True,
    )


@pytest.fixture
def nieuw_buinen(db, borger_odoorn, andes, lefier, police, noorderbreedte) -> Place:
    """The buurtkamer: weekdays 9–12 from 2026; Andes always there, Lefier on Mondays, the police
    on the first Monday of the month, language and computer help on Thursday mornings."""
    place = Place.objects.create(
        name="Buurtkamer Nieuw-Buinen",
        slug="buurtkamer-nieuw-buinen",
        kind=PlaceKind.BUURTKAMER,
        building=noorderbreedte,
        municipality=borger_odoorn,
        village="Nieuw-Buinen",
    )
    place.organisations.add(andes, lefier, police)
    OpeningRule.objects.create(
        place=place,
        weekdays=[0, 1, 2, 3, 4],
        valid_from=date(2026, 1, 1),
        start_time=time(9),
        end_time=time(12),
    )
    PresenceRule.objects.create(
        place=place, organisation=andes, weekdays=[0, 1, 2, 3, 4], valid_from=date(2026, 1, 1)
    )
    PresenceRule.objects.create(
        place=place, organisation=lefier, weekdays=[0], valid_from=date(2026, 1, 1)
    )
    PresenceRule.objects.create(
        place=place,
        organisation=police,
        frequency="monthly",
        week_of_month=1,
        weekdays=[0],
        valid_from=date(2026, 1, 1),
    )
    PresenceRule.objects.create(
        place=place,
        theme=Theme.objects.get(code="language"),
        weekdays=[3],
        valid_from=date(2026, 1, 1),
        start_time=time(9),
        end_time=time(12),
    )
    return place


@pytest.fixture
def hoogeveen(db) -> Municipality:
    return Municipality.objects.create(name="Hoogeveen", slug="hoogeveen", cbs_code="GM0118")


@pytest.fixture
def wolfsbos(db, hoogeveen) -> Place:
    """Huis van de Buurt Wolfsbos in Hoogeveen, about 40 km from Nieuw-Buinen: Thursdays 10–16
    and a shared lunch the last Thursday of the month, from 2025; Stichting Welzijnswerk runs it,
    GGZ Drenthe is there on Thursdays; questions about care at every opening."""
    welzijn = Organisation.objects.create(
        name="Stichting Welzijnswerk", kind=OrganisationKind.WELFARE
    )
    welzijn.themes.add(Theme.objects.get(code="welfare"))
    ggz = Organisation.objects.create(name="GGZ Drenthe", kind=OrganisationKind.MENTAL_HEALTH)
    ggz.themes.add(Theme.objects.get(code="welfare"))
    building = Building.objects.create(
        name="Wijkcentrum Wolfsbos",
        street_address="Schoolstraat 1",
        postcode="7908 AA",
        town="Hoogeveen",
        latitude=52.7329,
        longitude=6.4929,
        step_free_entrance=True,
        hearing_loop=True,
        kitchen=True,
        computers=True,
    )
    place = Place.objects.create(
        name="Huis van de Buurt Wolfsbos",
        slug="huis-van-de-buurt-wolfsbos",
        kind=PlaceKind.HUIS_VAN_DE_BUURT,
        building=building,
        municipality=hoogeveen,
        village="Wolfsbos",
    )
    place.organisations.add(welzijn, ggz)
    place.themes.add(Theme.objects.get(code="care"))
    OpeningRule.objects.create(
        place=place,
        weekdays=[3],
        valid_from=date(2025, 1, 1),
        start_time=time(10),
        end_time=time(16),
    )
    OpeningRule.objects.create(
        place=place,
        frequency="monthly",
        week_of_month=-1,
        weekdays=[3],
        valid_from=date(2025, 1, 1),
        start_time=time(12),
        end_time=time(13, 30),
        note="Shared lunch",
    )
    PresenceRule.objects.create(
        place=place, organisation=ggz, weekdays=[3], valid_from=date(2025, 1, 1)
    )
    return place


# Staff personas (issue 3). Each belongs to one organisation; two networks (Borger-Odoorn and
# Hoogeveen) so every check can be made against another organisation's data.


@pytest.fixture
def social_team(db) -> Organisation:
    org = Organisation.objects.create(
        name="Sociaal team Borger-Odoorn", kind=OrganisationKind.SOCIAL_TEAM
    )
    org.themes.add(Theme.objects.get(code="money"), Theme.objects.get(code="care"))
    return org


@pytest.fixture
def host_nieuw_buinen(nieuw_buinen, andes):
    """Hanna, host of the buurtkamer in Nieuw-Buinen for Andes."""
    return make_staff("host-nieuw-buinen", andes, Role.HOST, places=[nieuw_buinen])


@pytest.fixture
def lefier_consultant(lefier):
    """Lars, housing consultant at Lefier: receives Lefier's referrals."""
    return make_staff("lefier", lefier, Role.PARTNER)


@pytest.fixture
def police_officer(police):
    """Petra, community police officer in Borger-Odoorn."""
    return make_staff("police-borger-odoorn", police, Role.PARTNER)


@pytest.fixture
def social_team_member(social_team):
    """Sanne, of the municipal social team of Borger-Odoorn."""
    return make_staff("social-team-borger-odoorn", social_team, Role.PARTNER)


@pytest.fixture
def coordinator_andes(andes, borger_odoorn):
    """Carla, Andes's coordinator of the Borger-Odoorn network."""
    return make_staff("coordinator-andes", andes, Role.COORDINATOR, municipality=borger_odoorn)


@pytest.fixture
def host_wolfsbos(wolfsbos):
    """Willem, host of Huis van de Buurt Wolfsbos for Stichting Welzijnswerk (Hoogeveen)."""
    welzijn = Organisation.objects.get(name="Stichting Welzijnswerk")
    return make_staff("host-wolfsbos", welzijn, Role.HOST, places=[wolfsbos])


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        username="admin", email="admin@naober.example", password=STAFF_PASSWORD
    )


@pytest.fixture
def referral_to_lefier(host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier):
    """Hanna refers a leaking roof to Lefier, with the resident's consent."""
    from naober.desk.constants import ContactMethod, LegalBasis, Urgency
    from naober.desk.referrals import Contact, refer

    referral, _ = refer(
        place=nieuw_buinen,
        to_organisation=lefier,
        theme=Theme.objects.get(code="housing"),
        description="Het dak lekt al drie weken boven de slaapkamer.",
        urgency=Urgency.SOON,
        contact_method=ContactMethod.PHONE,
        contact=Contact(name="Mevrouw Jansen", phone="06-12345678", note="Liefst 's ochtends"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=host_nieuw_buinen,
    )
    return referral

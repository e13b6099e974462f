"""Who gets what: every staff URL and every staff API operation, asked by every persona.

The rows come from the URL resolver (namespaces accounts, desk, activity_desk, rosters and admin) and from the OpenAPI
document (every operation that has a security requirement), so a new page or operation cannot
slip in unchecked: it fails here until it has a row in authorisation_matrix.txt, next to this
file. That table is the policy, read by people: one line per request, one column per persona,
the HTTP status expected.

Objects come in pairs from two networks, so each check is also made against another
organisation's data: the buurtkamer in Nieuw-Buinen (Borger-Odoorn; Andes hosts, a referral to
Lefier) and the Huis van de Buurt Wolfsbos (Hoogeveen; Stichting Welzijnswerk hosts, a referral to
GGZ Drenthe).

To see the table as it is now (to review a change, never to copy blindly):
    NAOBER_MATRIX_OUT=/tmp/matrix.txt ./dev test tests/test_authorisation_matrix.py
"""

import os
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from naober.accounts.constants import Role
from naober.accounts.models import ApiToken
from naober.activities.models import Activity, Session, SignUp
from naober.api.api import api
from naober.desk.constants import ContactMethod, LegalBasis, Urgency
from naober.desk.models import Visit
from naober.desk.referrals import Contact, refer
from naober.places.models import Organisation, Theme
from naober.planning.constants import Method, ScenarioStatus
from naober.planning.models import Scenario
from naober.rosters.constants import ChangeKind, RosterStatus
from naober.rosters.models import Assignment, Roster, Shift, ShiftChange
from naober.rosters.models import Person as RosterPerson
from naober.schedules.recurrence import AMSTERDAM
from tests.passkeys import make_passkey
from tests.staff import login, make_staff

TABLE = Path(__file__).with_name("authorisation_matrix.txt")
STAFF_NAMESPACES = ("accounts", "desk", "activity_desk", "rosters", "planning", "admin")
DAY = date(2026, 11, 23)

PERSONAS = [
    "anonymous",
    "password-only",
    "host-nb",
    "host-wb",
    "lefier",
    "police",
    "social-team",
    "ggz",
    "coord-andes",
    "coord-hoogeveen",
    "admin",
    "no-role",
    "lefier-token",
    "volunteer",
    "policy-andes",
]

# Routes that only take POST, with a valid request body; every other route is asked with GET.
POST_FORMS = {
    "accounts:logout": lambda w, v: {},
    "accounts:revoke_token": lambda w, v: {},
    "accounts:remove_passkey": lambda w, v: {},
    "desk:count": lambda w, v: {"key": str(uuid.uuid4())},
    "desk:visit_theme": lambda w, v: {"theme": "money"},
    "desk:visit_undo": lambda w, v: {},
    "desk:referral_status": lambda w, v: {"status": "accepted"},
    "desk:rights_export": lambda w, v: {"contact": "06-12345678"},
    "desk:rights_erase": lambda w, v: {"contact": "06-12345678", "confirm": "on"},
    "activity_desk:mark": lambda w, v: {
        "signup": w.signups[v.replace("session", "signup")].pk,
        "attended": "yes",
    },
    "activity_desk:cancel": lambda w, v: {},
    "activity_desk:confirm": lambda w, v: {},
    "rosters:generate": lambda w, v: {"period": "other", "start_date": "", "end_date": ""},
    "rosters:publish": lambda w, v: {},
    "rosters:cancel": lambda w, v: {},
    "rosters:decide": lambda w, v: {"decision": "refuse"},
    "rosters:give_away": lambda w, v: {},
    "rosters:take": lambda w, v: {},
    "rosters:answer_ask": lambda w, v: {"answer": "no"},
    "rosters:answer_swap": lambda w, v: {"answer": "no"},
    "rosters:withdraw": lambda w, v: {},
}


@dataclass
class World:
    places: dict
    referrals: dict
    visits: dict
    token_row: ApiToken
    token: str
    passkey: object
    sessions: dict = field(default_factory=dict)
    signups: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    # Per network (labelled by its place): a published roster, a coming shift, the network's
    # roster person on it, and that person giving the shift away.
    rosters: dict = field(default_factory=dict)
    shifts: dict = field(default_factory=dict)
    assignments: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)
    roster_people: dict = field(default_factory=dict)
    # Per network (labelled by its municipality): a finished siting scenario.
    scenarios: dict = field(default_factory=dict)


@pytest.fixture
def world(
    nieuw_buinen,
    wolfsbos,
    host_nieuw_buinen,
    host_wolfsbos,
    lefier_consultant,
    police_officer,
    social_team_member,
    coordinator_andes,
    superuser,
    lefier,
    hoogeveen,
    andes,
) -> World:
    ggz = Organisation.objects.get(name="GGZ Drenthe")
    welzijn = Organisation.objects.get(name="Stichting Welzijnswerk")
    users = {
        "host-nb": host_nieuw_buinen,
        "host-wb": host_wolfsbos,
        "lefier": lefier_consultant,
        "police": police_officer,
        "social-team": social_team_member,
        "ggz": make_staff("ggz-hoogeveen", ggz, Role.PARTNER),
        "coord-andes": coordinator_andes,
        "coord-hoogeveen": make_staff(
            "coordinator-hoogeveen", welzijn, Role.COORDINATOR, municipality=hoogeveen
        ),
        "admin": superuser,
        "policy-andes": make_staff(
            "policy-andes", andes, Role.POLICY, municipality=nieuw_buinen.municipality
        ),
        "no-role": get_user_model().objects.create_user("no-role", password="x-Lang-genoeg-1"),
    }
    users["password-only"] = host_nieuw_buinen
    users["lefier-token"] = lefier_consultant

    def referral(place, to, theme, by, phone):
        made, _ = refer(
            place=place,
            to_organisation=to,
            theme=Theme.objects.get(code=theme),
            description="Vraag",
            urgency=Urgency.NORMAL,
            contact_method=ContactMethod.PHONE,
            contact=Contact(name="Bewoner", phone=phone),
            resident_agreed=True,
            legal_basis=LegalBasis.CONSENT,
            by=by,
        )
        return made

    users["volunteer"] = get_user_model().objects.create_user(
        "volunteer-nb", password="x-Lang-genoeg-1"
    )
    roster_world = _rosters(
        {"nieuw-buinen": nieuw_buinen, "wolfsbos": wolfsbos}, users["volunteer"]
    )
    token_row, token = ApiToken.issue(lefier_consultant, "matrix")
    sessions, signups = {}, {}
    for label, place in (("nieuw-buinen", nieuw_buinen), ("wolfsbos", wolfsbos)):
        activity = Activity.objects.create(
            place=place,
            title="Samen eten",
            weekdays=[3],
            valid_from=DAY,
            start_time=time(12),
            capacity=10,
        )
        start = datetime.combine(DAY + timedelta(days=3), time(12), tzinfo=AMSTERDAM)
        session = Session.objects.create(
            activity=activity, start=start, end=start + timedelta(hours=2), capacity=10
        )
        sessions[f"{label}-session"] = session
        signups[f"{label}-signup"] = SignUp.objects.create(
            session=session, name="Bewoner", phone="+31612345678"
        )
    return World(
        sessions=sessions,
        signups=signups,
        places={"nieuw-buinen": nieuw_buinen, "wolfsbos": wolfsbos},
        referrals={
            "nieuw-buinen>lefier": referral(
                nieuw_buinen, lefier, "housing", host_nieuw_buinen, "06-12345678"
            ),
            "wolfsbos>ggz": referral(wolfsbos, ggz, "welfare", host_wolfsbos, "06-87654321"),
        },
        visits={
            "nieuw-buinen": Visit.objects.create(place=nieuw_buinen, day=DAY),
            "wolfsbos": Visit.objects.create(place=wolfsbos, day=DAY),
        },
        token_row=token_row,
        token=token,
        passkey=make_passkey(lefier_consultant),
        users=users,
        scenarios={
            place.municipality.slug: _scenario(place.municipality)
            for place in (nieuw_buinen, wolfsbos)
        },
        **roster_world,
    )


def _scenario(municipality) -> Scenario:
    """A finished scenario in the network: one suggested site."""
    return Scenario.objects.create(
        municipality=municipality,
        method=Method.MAXIMAL_COVERING,
        new_places=1,
        radius_m=1500,
        status=ScenarioStatus.DONE,
        progress=100,
        result={
            "chosen": [
                {
                    "id": 1,
                    "name": "Dorpshuis",
                    "kind": "community_centre",
                    "kind_label": "Community centre",
                    "town": "Nieuw-Buinen",
                    "latitude": 52.96,
                    "longitude": 6.95,
                    "newly_covered": 120,
                    "kitchen": True,
                    "step_free_entrance": True,
                    "accessible_toilet": False,
                }
            ],
            "covered_population": 900,
            "total_population": 1000,
            "share": 0.9,
            "before": {"covered_population": 780, "share": 0.78},
            "optimal": True,
            "gap": None,
            "method": "maximal_covering",
            "uncoverable_population": 0,
            "mean_distance_m": None,
            "seconds": 0.1,
            "radius_m": 1500,
            "detour": 1.3,
            "min_openings_per_week": 1.0,
        },
    )


def _rosters(places: dict, volunteer) -> dict:
    """A published roster in each network, with a shift ten days ahead. In Borger-Odoorn the
    volunteer persona is on it; in Hoogeveen a volunteer without a login. Each gives the
    shift away."""
    found = {"rosters": {}, "shifts": {}, "assignments": {}, "changes": {}, "roster_people": {}}
    start = datetime.combine(DAY + timedelta(days=10), time(9), tzinfo=AMSTERDAM)
    for label, place in places.items():
        person = RosterPerson.objects.create(
            municipality=place.municipality,
            name="Vrijwilliger",
            user=volunteer if label == "nieuw-buinen" else None,
            skills=["hosting"],
        )
        roster = Roster.objects.create(
            municipality=place.municipality,
            start_date=DAY,
            end_date=DAY + timedelta(days=30),
            status=RosterStatus.PUBLISHED,
            published_at=datetime.combine(DAY, time(8), tzinfo=AMSTERDAM),
        )
        shift = Shift.objects.create(
            roster=roster,
            place=place,
            opening_key=f"matrix-{label}",
            start=start,
            end=start + timedelta(hours=3),
            people=2,
        )
        assignment = Assignment.objects.create(shift=shift, person=person)
        change = ShiftChange.objects.create(
            kind=ChangeKind.GIVE_AWAY, shift=shift, from_person=person
        )
        found["rosters"][f"{label}-roster"] = roster
        found["shifts"][f"{label}-shift"] = shift
        found["assignments"][f"{label}-assignment"] = assignment
        found["changes"][f"{label}-change"] = change
        found["roster_people"][f"{label}-person"] = person
    return found


@dataclass
class Row:
    key: str
    method: str
    path: str
    data: dict | None = None
    json: bool = False


def staff_patterns():
    """(name, pattern) for every named URL in the staff namespaces, from the resolver."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace:
                yield f"{namespace}:{pattern.name}", pattern

    found = {}
    for name, pattern in walk(get_resolver().url_patterns, None):
        if name.split(":")[0] in STAFF_NAMESPACES:
            found.setdefault(name, pattern)
    return found


def variants(name: str, pattern: URLPattern, world: World) -> list[tuple[str, dict]]:
    """The argument sets to ask a route with, each with a label for the table."""
    params = set(pattern.pattern.regex.groupindex)
    if not params:
        return [("", {})]
    if name == "accounts:revoke_token":
        return [("lefier's", {"pk": world.token_row.pk})]
    if name == "accounts:remove_passkey":
        return [("lefier's", {"pk": world.passkey.pk})]
    if name.startswith("rosters:"):
        return roster_variants(name, params, world)
    if name.startswith("planning:"):
        return planning_variants(params, world)
    if params == {"slug"}:
        return [(label, {"slug": place.slug}) for label, place in world.places.items()]
    if params == {"slug", "day"}:
        return [(label, {"slug": p.slug, "day": DAY}) for label, p in world.places.items()]
    if params == {"slug", "day", "visit"}:
        return [
            (label, {"slug": p.slug, "day": DAY, "visit": world.visits[label].pk})
            for label, p in world.places.items()
        ]
    if params == {"pk"} and name in ("activity_desk:cancel", "activity_desk:confirm"):
        return [(label, {"pk": s.pk}) for label, s in world.signups.items()]
    if params == {"pk"} and name.startswith("activity_desk:"):
        return [(label, {"pk": s.pk}) for label, s in world.sessions.items()]
    if params == {"pk"} and name.startswith("desk:"):
        return [(label, {"pk": r.pk}) for label, r in world.referrals.items()]
    if name.startswith("admin:"):
        return [("", admin_arguments(name, params, world))]
    raise AssertionError(f"No test arguments for {name} ({sorted(params)}): add them here.")


def roster_variants(name: str, params: set[str], world: World) -> list[tuple[str, dict]]:
    if params == {"slug"}:
        return [
            (place.municipality.slug, {"slug": place.municipality.slug})
            for place in world.places.values()
        ]
    if params == {"token"}:
        return [
            (label, {"token": person.feed_token}) for label, person in world.roster_people.items()
        ]
    objects = {
        "rosters:roster": world.rosters,
        "rosters:publish": world.rosters,
        "rosters:cancel": world.assignments,
        "rosters:answer_swap": world.changes,
        "rosters:withdraw": world.changes,
        "rosters:decide": world.changes,
    }.get(name, world.shifts)
    return [(label, {"pk": row.pk}) for label, row in objects.items()]


def planning_variants(params: set[str], world: World) -> list[tuple[str, dict]]:
    """A network's planning pages, each network's scenario, exports as CSV."""
    found = []
    for slug, scenario in world.scenarios.items():
        kwargs = {"slug": slug}
        if "pk" in params:
            kwargs["pk"] = scenario.pk
        if "fmt" in params:
            kwargs["fmt"] = "csv"
        found.append((slug, kwargs))
    return found if params else [("", {})]


def admin_arguments(name: str, params: set[str], world: World) -> dict:
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType

    place = world.places["nieuw-buinen"]
    if "content_type_id" in params:
        return {
            "content_type_id": ContentType.objects.get_for_model(place).pk,
            "object_id": place.pk,
        }
    arguments = {}
    if "app_label" in params:
        arguments["app_label"] = "places"
    # Any other argument is an object's id: the first object of the model this route is for
    # (admin:<app>_<model>_<view>), else an id that does not exist.
    model = next(
        (
            model
            for model in admin.site._registry
            if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_")
        ),
        None,
    )
    first = model._default_manager.order_by("pk").first() if model else None
    for param in params - {"app_label"}:
        arguments[param] = str(first.pk) if first else "1"
    return arguments


def page_rows(world: World) -> list[Row]:
    rows = []
    for name, pattern in sorted(staff_patterns().items()):
        for label, kwargs in variants(name, pattern, world):
            path = reverse(name, kwargs=kwargs)
            method = "POST" if name in POST_FORMS else "GET"
            data = POST_FORMS[name](world, label) if method == "POST" else None
            key = " ".join(part for part in (method, name, label) if part)
            rows.append(Row(key=key, method=method, path=path, data=data))
    return rows


def api_rows(world: World) -> list[Row]:
    """Every API operation with a security requirement, from the OpenAPI document."""
    rows = []
    for template, operations in sorted(api.get_openapi_schema()["paths"].items()):
        for method, operation in sorted(operations.items()):
            if not operation.get("security"):
                continue
            method = method.upper()
            if template.endswith("/visits"):
                # Posting a visit: once for each place.
                rows += [
                    Row(
                        key=f"{method} {template} {label}",
                        method=method,
                        path=template,
                        data={"place": place.slug, "theme": None, "day": DAY.isoformat()},
                        json=True,
                    )
                    for label, place in world.places.items()
                ]
            elif template.startswith("/api/v1/sessions/"):
                # One session of each network in the path.
                before, after = template.split("{")[0], template.split("}", 1)[1]
                rows += [
                    Row(
                        key=f"{method} {template} {label}",
                        method=method,
                        path=f"{before}{session.pk}{after}",
                        data={
                            "signup": world.signups[label.replace("session", "signup")].pk,
                            "attended": True,
                        }
                        if method == "POST"
                        else None,
                        json=True,
                    )
                    for label, session in world.sessions.items()
                ]
            elif "{" in template:
                # One referral of each network in the path.
                before, after = template.split("{")[0], template.split("}", 1)[1]
                data = {"status": "accepted"} if template.endswith("/status") else None
                rows += [
                    Row(
                        key=f"{method} {template} {label}",
                        method=method,
                        path=f"{before}{referral.pk}{after}",
                        data=data,
                        json=True,
                    )
                    for label, referral in world.referrals.items()
                ]
            else:
                rows.append(
                    Row(key=f"{method} {template}", method=method, path=template, json=True)
                )
    return rows


def client_for(persona: str, world: World) -> Client:
    client = Client()
    if persona == "anonymous":
        return client
    if persona == "lefier-token":
        return Client(headers={"Authorization": f"Bearer {world.token}"})
    return login(client, world.users[persona], verified=persona != "password-only")


def ask(client: Client, row: Row):
    data = dict(row.data or {})
    if row.method == "GET":
        return client.get(row.path)
    if row.json:
        if "key" not in data and row.path.endswith("/visits"):
            data["key"] = str(uuid.uuid4())
        return client.post(row.path, data, content_type="application/json")
    return client.post(row.path, data)


def read_table() -> tuple[list[str], dict[str, list[str]]]:
    header, expected = [], {}
    for line in TABLE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if parts[0] == "request":
            header = parts[1:]
            continue
        expected[" ".join(parts[: -len(header)])] = parts[-len(header) :]
    return header, expected


def format_table(actual: dict[str, dict[str, int]]) -> str:
    width = max(len(key) for key in actual) + 2
    lines = ["request".ljust(width) + " ".join(p.rjust(len(p)) for p in PERSONAS)]
    for key, cells in actual.items():
        lines.append(key.ljust(width) + " ".join(str(cells[p]).rjust(len(p)) for p in PERSONAS))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def asked() -> dict:
    return {}


@pytest.fixture
def answers(world, asked) -> dict[str, dict[str, int]]:
    """The table as it is: asked once for this module (the world is built the same way for
    every test, so the answers are too)."""
    if "table" not in asked:
        asked["table"] = ask_everyone(world)
    return asked["table"]


def ask_everyone(world) -> dict[str, dict[str, int]]:
    """Ask every row as every persona; each request in a savepoint rolled back afterwards, so
    a POST that succeeds (a visit counted, a status changed) does not change the next cell."""
    # Clients first: logging in makes the authenticator devices the admin rows point at.
    clients = {persona: client_for(persona, world) for persona in PERSONAS}
    rows = page_rows(world) + api_rows(world)
    actual: dict[str, dict[str, int]] = {}
    for row in rows:
        actual[row.key] = {}
        for persona, client in clients.items():
            cookies = {name: morsel.value for name, morsel in client.cookies.items()}
            savepoint = transaction.savepoint()
            response = ask(client, row)
            transaction.savepoint_rollback(savepoint)
            # Logging out replaced the session cookie; the rollback brought the old session back.
            client.cookies = SimpleCookie(cookies)
            actual[row.key][persona] = response.status_code
            if row.path.startswith(
                ("/accounts/", "/api/v1/referrals", "/api/v1/visits", "/api/v1/sessions")
            ) or (
                not row.path.startswith("/beheer/")
                and row.key.split()[1].startswith(("desk:", "activity_desk:", "rosters:"))
            ):
                assert "no-store" in response.headers.get("Cache-Control", ""), (
                    f"{row.key} as {persona}: staff answers must not be stored"
                )
    out = os.environ.get("NAOBER_MATRIX_OUT")
    if out:
        Path(out).write_text(format_table(actual))
    return actual


def test_every_staff_url_and_api_operation_answers_each_persona_as_the_table_says(answers):
    header, expected = read_table()
    assert header == PERSONAS, "The table's columns must be the personas, in this order."
    missing = sorted(set(answers) - set(expected))
    assert not missing, "Staff URLs or operations without a row in the table:\n" + "\n".join(
        missing
    )
    gone = sorted(set(expected) - set(answers))
    assert not gone, "Rows in the table for URLs that no longer exist:\n" + "\n".join(gone)
    differences = [
        f"{key} as {persona}: expected {expected[key][i]}, got {answers[key][persona]}"
        for key in answers
        for i, persona in enumerate(PERSONAS)
        if expected[key][i] != str(answers[key][persona])
    ]
    assert not differences, "\n".join(differences)


# The steps of logging in are the only staff pages meant for someone not (fully) logged in; a
# roster person's calendar feed answers whoever holds its secret link (a calendar app has no
# login), and an unknown link answers 404.
LOGIN_STEPS = ("accounts:login", "accounts:verify", "accounts:setup", "admin:login")
SECRET_LINKS = ("rosters:feed",)


def test_nobody_gets_a_2xx_from_a_staff_url_without_a_verified_session(answers):
    for key, cells in answers.items():
        if key.split()[1] in LOGIN_STEPS + SECRET_LINKS:
            continue
        for persona in ("anonymous", "password-only", "no-role"):
            assert not 200 <= cells[persona] < 300, f"{key} answered {cells[persona]} to {persona}"


# Which organisations an object in the table belongs to: everybody else must get 404 for it.
OWNERS = {
    "nieuw-buinen": {"host-nb"},
    "wolfsbos": {"host-wb"},
    "nieuw-buinen>lefier": {"lefier", "lefier-token", "host-nb", "coord-andes"},
    "wolfsbos>ggz": {"ggz", "host-wb", "coord-hoogeveen"},
    "nieuw-buinen-session": {"host-nb"},
    "wolfsbos-session": {"host-wb"},
    "nieuw-buinen-signup": {"host-nb"},
    "wolfsbos-signup": {"host-wb"},
    "nieuw-buinen-roster": {"coord-andes"},
    "wolfsbos-roster": {"coord-hoogeveen"},
    "nieuw-buinen-assignment": {"coord-andes"},
    "wolfsbos-assignment": {"coord-hoogeveen"},
}
MEMBERS = {"host-nb", "host-wb", "lefier", "police", "social-team", "ggz", "coord-andes"}
MEMBERS |= {"coord-hoogeveen", "lefier-token"}


def test_a_volunteer_reaches_only_their_own_network_and_shifts(answers):
    """The volunteer is on the roster of Borger-Odoorn: the other network's shifts and changes
    answer 404, and no coordinator page opens for them."""
    for key, cells in answers.items():
        route = key.split()[1]
        if not route.startswith("rosters:") or route in SECRET_LINKS:
            continue
        if key.endswith(("wolfsbos-shift", "wolfsbos-change", "hoogeveen")) or route in (
            "rosters:roster",
            "rosters:publish",
            "rosters:cancel",
            "rosters:decide",
            "rosters:rosters",
            "rosters:changes",
            "rosters:absence",
            "rosters:generate",
        ):
            assert cells["volunteer"] == 404, f"{key} answered {cells['volunteer']}"


def test_another_organisations_ids_answer_404(answers):
    checked = 0
    for key, cells in answers.items():
        label = key.split()[-1]
        if label not in OWNERS or key.split()[1] == "desk:refer":
            continue
        for persona in MEMBERS - OWNERS[label]:
            if persona == "lefier-token" and not key.split()[1].startswith("/api/"):
                continue  # a token opens the API only; pages send it to the login
            assert cells[persona] == 404, f"{key} answered {cells[persona]} to {persona}"
            checked += 1
    assert checked > 50

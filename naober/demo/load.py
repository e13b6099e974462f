"""Load the demo data set (data.py) into the database, idempotently.

Organisations, municipalities, buildings and places are found by their natural key (name, slug,
name and town) and updated in place. A demo place's rules, closures and extra openings are made
equal to the data set: existing rows are reused in order, so their ids stay the same, surplus
rows are deleted and missing ones created. Running it twice leaves exactly one of everything;
running it after the data changed updates the facts. A demo place's activities are made equal
to the data set too, found by their title, and their sessions are planned from the day of loading.

`naober demo` then adds the demo's people (load_people: one per role, one password) and invented
work at the desks (load_desk: visits, referrals, and sign-ups for the next sessions of some
activities), both idempotent in the same way: a reload keeps the accounts and resets their roles
and password, and adds no second copy of a visit, referral or sign-up. load_rosters publishes a
roster per seed network, and load_planning adds residents per postcode area, candidate buildings,
needs surveys and the policy maker's login.
"""

import random
import secrets
import string
import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from itertools import zip_longest

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from naober.accounts.constants import Role
from naober.accounts.models import Membership
from naober.activities.constants import Channel
from naober.activities.models import Activity, SignUp
from naober.activities.sessions import plan_sessions
from naober.activities.signup import Person, SignUpError, sign_up
from naober.desk.constants import LegalBasis, Status
from naober.desk.models import Referral, Visit
from naober.desk.referrals import Contact, change_status, refer
from naober.places.constants import ThemeCode
from naober.places.geo import to_wgs84
from naober.places.models import Building, Municipality, Organisation, Place, Theme
from naober.places.postcodes import DATA as POSTCODE_DATA
from naober.places.postcodes import lookup
from naober.planning.constants import DatasetKind, Horizon, Transport, WantedActivity
from naober.planning.importing import import_demand
from naober.planning.models import CandidateBuilding, Dataset, Survey, SurveyResponse
from naober.rosters.build import generate
from naober.rosters.constants import RosterStatus
from naober.rosters.models import Person as RosterPerson
from naober.rosters.models import Roster, RosterPolicy, Share, StaffingNeed
from naober.rosters.publishing import publish
from naober.schedules.holidays import default_closed_holidays
from naober.schedules.openings import openings
from naober.schedules.openings import today as amsterdam_today
from naober.schedules.recurrence import AMSTERDAM

from . import data


@dataclass
class Loaded:
    municipalities: int
    organisations: int
    buildings: int
    places: int
    activities: int = 0


def _time(value):
    return time.fromisoformat(value) if isinstance(value, str) else value


def _unchanged(obj: models.Model, values: dict) -> bool:
    for name, value in values.items():
        if isinstance(value, models.Model):
            # Compare ids, so checking a row does not fetch its related rows.
            current, value = getattr(obj, f"{name}_id"), value.pk
        else:
            current = getattr(obj, name)
        if current != value:
            return False
    return True


def _saved(obj: models.Model, values: dict) -> models.Model:
    if obj.pk is not None and _unchanged(obj, values):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    # The data set is checked by the same validation as the admin, so a typo fails loudly.
    obj.full_clean()
    obj.save()
    return obj


def _sync(related: models.Manager, rows: list[dict]) -> None:
    """Make the rows behind a place's reverse relation equal to `rows`, reusing existing ones."""
    existing = list(related.order_by("pk"))
    for obj, row in zip_longest(existing, rows):
        if row is None:
            obj.delete()
        else:
            _saved(obj or related.model(**related.core_filters), row)


def _rule(row: dict, organisations: dict[str, Organisation], themes: dict[str, Theme]) -> dict:
    values = {**row, "start_time": _time(row["start_time"]), "end_time": _time(row["end_time"])}
    if "organisation" in row:
        values["organisation"] = organisations[row["organisation"]] if row["organisation"] else None
        values["theme"] = themes[row["theme"]] if row["theme"] else None
    return values


def _building(row: dict) -> Building:
    values = {k: v for k, v in row.items() if k not in {"key", "name", "town"}}
    area = lookup(row["postcode"][:4])
    if area is None:
        raise ValueError(f"The demo building {row['name']} has an unknown postcode area.")
    values.setdefault("latitude", round(area.latitude, 6))
    values.setdefault("longitude", round(area.longitude, 6))
    building = Building.objects.filter(name=row["name"], town=row["town"]).first()
    return _saved(building or Building(name=row["name"], town=row["town"]), values)


@transaction.atomic
def load(today: date | None = None) -> Loaded:
    """Create or update every demo record. `today` places the dated exceptions (default: today)."""
    today = today or amsterdam_today()
    themes = {theme.code: theme for theme in Theme.objects.all()}

    municipalities = {}
    for row in data.MUNICIPALITIES:
        found = Municipality.objects.filter(slug=row["slug"]).first()
        municipalities[row["slug"]] = _saved(found or Municipality(slug=row["slug"]), row)

    organisations = {}
    for row in data.ORGANISATIONS:
        values = {k: v for k, v in row.items() if k != "themes"}
        found = Organisation.objects.filter(name=row["name"]).first()
        organisation = _saved(found or Organisation(), values)
        organisation.themes.set([themes[code] for code in row["themes"]])
        organisations[row["name"]] = organisation

    buildings = {row["key"]: _building(row) for row in data.BUILDINGS}

    exceptions = data.dated_exceptions(today)
    for row in data.PLACES:
        values = {
            "name": row["name"],
            "kind": row["kind"],
            "building": buildings[row["building"]],
            "municipality": municipalities[row["municipality"]],
            "village": row["village"],
            "description": row["description"],
            "closed_on_holidays": row.get("closed_on_holidays", default_closed_holidays()),
            "source": row["source"],
            "invented": row["invented"],
        }
        place = _saved(
            Place.objects.filter(slug=row["slug"]).first() or Place(slug=row["slug"]), values
        )
        place.organisations.set([organisations[name] for name in row["organisations"]])
        place.themes.set([themes[code] for code in row["themes"]])
        _sync(place.opening_rules, [_rule(r, organisations, themes) for r in row["openings"]])
        _sync(place.presence_rules, [_rule(r, organisations, themes) for r in row["presence"]])
        dated = exceptions.get(row["slug"], {})
        _sync(place.closures, dated.get("closures", []))
        _sync(
            place.extra_openings,
            [
                {**e, "start_time": _time(e["start_time"]), "end_time": _time(e["end_time"])}
                for e in dated.get("extra_openings", [])
            ],
        )

    activities = _load_activities(today, organisations)

    return Loaded(
        municipalities=len(municipalities),
        organisations=len(organisations),
        buildings=len(buildings),
        places=len(data.PLACES),
        activities=len(activities),
    )


def _load_activities(today: date, organisations: dict[str, Organisation]) -> list[Activity]:
    """The activities of data.ACTIVITIES, found by place and title, with their sessions planned
    from `today`. Other activities at the demo places go, as surplus opening rules do."""
    slugs = [row["slug"] for row in data.PLACES]
    places = {place.slug: place for place in Place.objects.filter(slug__in=slugs)}
    activities = []
    for row in data.ACTIVITIES:
        place = places[row["place"]]
        values = {
            **row,
            "place": place,
            "organisation": organisations[row["organisation"]] if row["organisation"] else None,
            "start_time": _time(row["start_time"]),
            "cost": Decimal(row["cost"]),
        }
        found = Activity.objects.filter(place=place, title=row["title"]).first()
        activities.append(_saved(found or Activity(), values))
    Activity.objects.filter(place__in=places.values()).exclude(
        pk__in=[activity.pk for activity in activities]
    ).delete()
    for activity in activities:
        plan_sessions(activity, today=today)
    return activities


def demo_password() -> str:
    """NAOBER_DEMO_PASSWORD, or a new random one: `naober demo` prints it, nothing stores it."""
    if settings.NAOBER_DEMO_PASSWORD:
        return settings.NAOBER_DEMO_PASSWORD
    # Letters and digits only, easy to copy from a terminal: about 95 bits of randomness.
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(16))


@transaction.atomic
def load_people(password: str) -> list:
    """The demo's staff (data.PEOPLE) and its superuser, all with `password`. A reload gives each
    person back the role of the data set and this password, and lifts a lockout."""
    User = get_user_model()
    organisations = {org.name: org for org in Organisation.objects.all()}
    rights = Q(content_type__app_label__in=data.COORDINATOR_ADMIN_APPS)
    for label in data.COORDINATOR_ADMIN_MODELS:
        app_label, model = label.split(".")
        rights |= Q(content_type__app_label=app_label, content_type__model=model)
    admin_rights = list(Permission.objects.filter(rights))
    people = []
    for row in data.PEOPLE:
        coordinator = row["role"] == Role.COORDINATOR
        user = _user(
            User,
            row["username"],
            password,
            first_name=row["first_name"],
            is_staff=coordinator,
            is_superuser=False,
        )
        user.user_permissions.set(admin_rights if coordinator else [])
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=organisations[row["organisation"]], role=row["role"]
        )
        membership.municipality = (
            Municipality.objects.get(slug=row["municipality"]) if row["municipality"] else None
        )
        membership.full_clean()
        membership.save()
        membership.places.set(Place.objects.filter(slug__in=row["places"]))
        Membership.objects.filter(user=user).exclude(pk=membership.pk).delete()
        people.append(user)
    admin = _user(User, data.SUPERUSER, password, is_staff=True, is_superuser=True)
    # Holding the keys gives no right to read referrals: the superuser has no role.
    Membership.objects.filter(user=admin).delete()
    people.append(admin)
    return people


def _user(User, username: str, password: str, **values):
    user = User.objects.filter(username=username).first() or User(username=username)
    for name, value in values.items():
        setattr(user, name, value)
    user.email = f"{username}@example.org"
    user.is_active = True
    user.set_password(password)
    user.save()
    # Wrong passwords typed before the reload no longer count.
    AccessAttempt.objects.filter(username=username).delete()
    return user


@dataclass
class DeskLoaded:
    visits: int
    referrals: int
    signups: int = 0


# Fixed keys: a reload finds the visits, referrals and sign-ups it made before instead of adding
# more.
_KEYS = uuid.UUID("6d1f3c0e-2a53-4b8e-9d3e-6e61626572d0")


def _key(*parts) -> uuid.UUID:
    return uuid.uuid5(_KEYS, ":".join(str(part) for part in parts))


@transaction.atomic
def load_desk(today: date | None = None) -> DeskLoaded:
    """Invented desk work, after load() and load_people(): visits counted on the open days of the
    last weeks, the referrals of data.REFERRALS, made and moved on through the same rules as
    the desk pages, so the audit trail has them too, and the sign-ups of data.SIGNUPS for the next
    session of their activity. Everything made is marked invented."""
    today = today or amsterdam_today()
    people = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[p["username"] for p in data.PEOPLE]
        )
    }
    _invent_visits(today, people)
    for row in data.REFERRALS:
        _invent_referral(row, people)
    for group in data.SIGNUPS:
        _invent_signups(group, people)
    return DeskLoaded(
        visits=Visit.objects.filter(invented=True).count(),
        referrals=Referral.objects.filter(invented=True).count(),
        signups=SignUp.objects.filter(invented=True).count(),
    )


def _host(slug: str, people: dict):
    return next(
        people[p["username"]] for p in data.PEOPLE if p["role"] == Role.HOST and slug in p["places"]
    )


def _invent_visits(today: date, people: dict) -> None:
    themes = {theme.code: theme for theme in Theme.objects.all()}
    visits = []
    for slug in data.VISIT_PLACES:
        place = Place.objects.get(slug=slug)
        host = _host(slug, people)
        days: dict[date, list] = {}
        start = today - timedelta(weeks=data.VISIT_WEEKS)
        for opening in openings(place, start, today - timedelta(days=1)):
            if opening.is_open:
                days.setdefault(opening.start.astimezone(AMSTERDAM).date(), []).append(opening)
        for day, open_ in days.items():
            # Seeded by place and day: the same counts on every reload.
            chance = random.Random(f"{slug}:{day}")
            for number in range(chance.randint(3, 12)):
                opening = chance.choice(open_)
                minutes = int((opening.end - opening.start).total_seconds() // 60)
                theme = chance.choice([*opening.themes, None, None])
                visits.append(
                    Visit(
                        place=place,
                        day=day,
                        theme=themes.get(theme) if theme else None,
                        key=_key("visit", slug, day, number),
                        counted_at=opening.start + timedelta(minutes=chance.randrange(minutes)),
                        counted_by=host,
                        invented=True,
                    )
                )
    known = set(Visit.objects.filter(key__in=[v.key for v in visits]).values_list("key", flat=True))
    Visit.objects.bulk_create([visit for visit in visits if visit.key not in known])


def _invent_referral(row: dict, people: dict) -> None:
    key = _key("referral", row["key"])
    if Referral.objects.filter(key=key).exists():
        # Made on an earlier load; whatever happened to it since in the demo stays.
        return
    place = Place.objects.get(slug=row["place"])
    to = Organisation.objects.get(name=row["to"])
    referral, _ = refer(
        place=place,
        to_organisation=to,
        theme=Theme.objects.get(code=row["theme"]),
        description=row["description"],
        urgency=row["urgency"],
        contact_method=row["contact_method"],
        contact=Contact(**row["contact"]),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=people[row["by"]],
        key=key,
    )
    Referral.objects.filter(pk=referral.pk).update(invented=True, source=row["source"])
    partner = next(
        people[p["username"]]
        for p in data.PEOPLE
        if p["role"] == Role.PARTNER and p["organisation"] == row["to"]
    )
    for status in row["steps"]:
        outcome = row["outcome"] if status == Status.CLOSED else ""
        referral = change_status(referral, status, by=partner, outcome=outcome)


def _invent_signups(group: dict, people: dict) -> None:
    """Sign the invented residents of one group up for the next session of its activity that goes
    ahead, in order: the first ones take the seats, the rest wait."""
    activity = Activity.objects.filter(place__slug=group["place"], title=group["activity"]).first()
    if activity is None:
        return
    session = (
        activity.sessions.filter(start__gt=timezone.now(), cancel_reason="")
        .order_by("start")
        .first()
    )
    if session is None:
        return
    host = _host(group["place"], people)
    for row in group["signups"]:
        # One key per session: a reload finds these, a load weeks later fills the next session.
        key = _key("signup", group["place"], group["activity"], session.start.date(), row["key"])
        if SignUp.objects.filter(key=key).exists():
            continue
        person = Person(
            name=row["name"],
            phone=row["phone"],
            email=row["email"],
            people=row["people"],
            note=row["note"],
        )
        try:
            if row["at_desk"]:
                signup = sign_up(session, person, channel=Channel.DESK, by=host)
            else:
                signup = sign_up(session, person)
        except SignUpError:
            # Someone in the demo signed up with the same number first: theirs stands.
            continue
        # On the object the after-commit hooks get too, so they can tell it is invented.
        signup.key = key
        signup.invented = True
        signup.save(update_fields=["key", "invented"])


@dataclass
class RostersLoaded:
    people: int
    rosters: list = field(default_factory=list)  # the published rosters
    failed: list = field(default_factory=list)  # rosters that could not be generated


def load_rosters(
    password: str, today: date | None = None, time_limit: int = data.ROSTER_TIME_LIMIT
) -> RostersLoaded:
    """The roster of every seed network (data.ROSTERS), after load() and load_people(): its
    invented people with their availability and absences, needs, shares and rules, and a
    roster for the ROSTER_WEEKS weeks from `today`, generated and published, so the guide shows
    who is present from it. The roster's own logins (ROSTER_LOGINS) get `password`.

    A reload makes the people equal to the data set again (found by network and name) and
    replaces the demo networks' rosters that overlap the new period."""
    today = today or amsterdam_today()
    end = today + timedelta(weeks=data.ROSTER_WEEKS, days=-1)
    with transaction.atomic():
        people = _load_roster_people(password, today)
    loaded = RostersLoaded(people=people)
    for row in data.ROSTERS:
        municipality = Municipality.objects.get(slug=row["municipality"])
        # Rosters replaced by this one go first: their shifts would show beside the new ones.
        Roster.objects.filter(
            municipality=municipality, start_date__lte=end, end_date__gte=today
        ).delete()
        roster = Roster.objects.create(
            municipality=municipality,
            start_date=today,
            end_date=end,
            status=RosterStatus.SOLVING,
            seed=data.ROSTER_SEED,
            time_limit=time_limit,
        )
        generate(roster)
        roster.refresh_from_db()
        if roster.status != RosterStatus.DRAFT:
            loaded.failed.append(roster)
            continue
        publish(roster)
        loaded.rosters.append(roster)
    return loaded


def _load_roster_people(password: str, today: date) -> int:
    User = get_user_model()
    for row in data.ROSTER_LOGINS:
        user = _user(
            User,
            row["username"],
            password,
            first_name=row["first_name"],
            is_staff=False,
            is_superuser=False,
        )
        # A volunteer has no role at a desk: only their own shifts.
        Membership.objects.filter(user=user).delete()
    usernames = [p["login"] for n in data.ROSTERS for p in n["people"] if p["login"]]
    logins = {user.username: user for user in User.objects.filter(username__in=usernames)}
    organisations = {org.name: org for org in Organisation.objects.all()}
    places = {place.slug: place for place in Place.objects.filter(municipality__isnull=False)}
    count = 0
    for network in data.ROSTERS:
        municipality = Municipality.objects.get(slug=network["municipality"])
        policy = RosterPolicy.objects.filter(municipality=municipality).first()
        _saved(policy or RosterPolicy(municipality=municipality), network["policy"])
        kept = [
            _roster_person(municipality, row, organisations, places, logins, today).pk
            for row in network["people"]
        ]
        count += len(kept)
        # Invented people of the network that the data set no longer has go, as surplus rules do.
        RosterPerson.objects.filter(municipality=municipality, invented=True).exclude(
            pk__in=kept
        ).delete()
        _sync_needs(network["needs"], places)
        _sync_shares(municipality, network["shares"], organisations, places)
    return count


def _roster_person(municipality, row, organisations, places, logins, today) -> RosterPerson:
    values = {
        "municipality": municipality,
        "name": row["name"],
        "organisation": organisations[row["organisation"]] if row["organisation"] else None,
        "skills": row["skills"],
        "max_per_week": row["max_per_week"],
        "max_per_month": row["max_per_month"],
        "home_village": row["home_village"],
        "user": logins.get(row["login"]),
        "email": _roster_email(row),
        "is_active": True,
        "source": row["source"],
        "invented": True,
    }
    found = RosterPerson.objects.filter(municipality=municipality, name=row["name"]).first()
    if values["user"] is not None:
        # The login goes to this person, whoever held it before the reload.
        RosterPerson.objects.filter(user=values["user"]).exclude(
            pk=found.pk if found else None
        ).update(user=None)
    person = _saved(found or RosterPerson(), values)
    person.preferred_places.set([places[slug] for slug in row["preferred_places"]])
    _sync(
        person.availability,
        [
            {"weekday": day, "start_time": _time(start), "end_time": _time(end)}
            for day, start, end in row["availability"]
        ],
    )
    _sync(
        person.absences,
        [
            {
                "start_date": today + timedelta(days=first),
                "end_date": today + timedelta(days=last),
            }
            for first, last in row["away"]
        ],
    )
    return person


def _roster_email(row: dict) -> str:
    if row["login"]:
        return f"{row['login']}@example.org"
    return row["name"].lower().replace(" ", ".") + "@example.org"


def _sync_needs(rows: list[dict], places: dict[str, Place]) -> None:
    for row in rows:
        place = places[row["place"]]
        found = StaffingNeed.objects.filter(place=place, opening_rule__isnull=True).first()
        _saved(
            found or StaffingNeed(place=place),
            {"people": row["people"], "skills": row["skills"]},
        )


def _sync_shares(municipality, rows, organisations, places) -> None:
    kept = []
    for row in rows:
        organisation = organisations[row["organisation"]]
        found = Share.objects.filter(municipality=municipality, organisation=organisation).first()
        share = _saved(
            found or Share(municipality=municipality, organisation=organisation),
            {"percent": row["percent"]},
        )
        share.places.set([places[slug] for slug in row["places"]])
        kept.append(share.pk)
    Share.objects.filter(municipality=municipality).exclude(pk__in=kept).delete()


@dataclass
class PlanningLoaded:
    demand_points: int
    candidates: int
    surveys: int
    answers: int


def load_planning(password: str, today: date | None = None) -> PlanningLoaded:
    """Network planning for the demo, after load(): CBS's residents per postcode area of the demo
    municipalities (imported once: skipped when a dataset of that name exists), Noordenveld's
    invented candidate buildings (found by network and name and made equal to the data set), a
    needs survey per larger Noordenveld village with invented anonymous answers (added once per
    survey), and the policy maker's login with `password`."""
    today = today or amsterdam_today()
    dataset = Dataset.objects.filter(
        kind=DatasetKind.DEMAND, name=data.PLANNING_DEMAND["name"]
    ).first()
    if dataset is None:
        dataset = import_demand(
            POSTCODE_DATA,
            name=data.PLANNING_DEMAND["name"],
            source=data.PLANNING_DEMAND["source"],
            municipalities=set(data.PLANNING_DEMAND["municipalities"]),
        ).dataset
    with transaction.atomic():
        candidates = _load_candidates()
        surveys, answers = _load_surveys(today)
        _load_planning_logins(password)
    return PlanningLoaded(
        demand_points=dataset.points.count(),
        candidates=candidates,
        surveys=surveys,
        answers=answers,
    )


def _load_candidates() -> int:
    count = 0
    for slug, rows in data.PLANNING_CANDIDATES.items():
        municipality = Municipality.objects.get(slug=slug)
        kept = []
        for row in rows:
            values = {k: v for k, v in row.items() if k not in {"pc4", "offset"}}
            area = lookup(row["pc4"])
            if area is None:
                raise ValueError(f"The demo candidate {row['name']} has an unknown postcode area.")
            dx, dy = row["offset"]
            values["latitude"], values["longitude"] = to_wgs84(area.x_rd + dx, area.y_rd + dy)
            values["municipality"] = municipality
            found = CandidateBuilding.objects.filter(
                municipality=municipality, name=row["name"]
            ).first()
            kept.append(_saved(found or CandidateBuilding(), values).pk)
        count += len(kept)
    return count


def _load_surveys(today: date) -> tuple[int, int]:
    themes = list(ThemeCode.values)
    activities = list(WantedActivity.values)
    horizons = list(Horizon.values)
    transports = list(Transport.values)
    answers = []
    surveys = 0
    for row in data.PLANNING_SURVEYS:
        municipality = Municipality.objects.get(slug=row["municipality"])
        slug = slugify(f"{municipality.slug}-{row['village']}")
        survey = Survey.objects.filter(municipality=municipality, village=row["village"]).first()
        survey = _saved(
            survey or Survey(),
            {
                "municipality": municipality,
                "village": row["village"],
                "slug": slug,
                "introduction": data.PLANNING_SURVEY_INTRODUCTION.format(village=row["village"]),
                "is_open": True,
            },
        )
        surveys += 1
        if survey.responses.exists():
            # Answered on an earlier load, or by someone trying the demo: those stay.
            continue
        chance = random.Random(f"survey:{slug}")
        for _ in range(row["answers"]):
            answers.append(
                SurveyResponse(
                    survey=survey,
                    submitted_on=today
                    - timedelta(days=chance.randrange(1, 7 * data.PLANNING_SURVEY_WEEKS)),
                    themes=sorted(chance.sample(themes, chance.randint(1, 3))),
                    activities=sorted(chance.sample(activities, chance.randint(1, 3))),
                    horizon=chance.choice(horizons),
                    transport=chance.choice(transports),
                    wish=chance.choice([*data.PLANNING_SURVEY_WISHES, *[""] * 6]),
                )
            )
    SurveyResponse.objects.bulk_create(answers)
    return surveys, len(answers)


def _load_planning_logins(password: str) -> None:
    User = get_user_model()
    for row in data.PLANNING_LOGINS:
        user = _user(
            User,
            row["username"],
            password,
            first_name=row["first_name"],
            is_staff=False,
            is_superuser=False,
        )
        user.user_permissions.clear()
        membership, _ = Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(name=row["organisation"]),
            role=Role.POLICY,
            defaults={"municipality": Municipality.objects.get(slug=row["municipality"])},
        )
        membership.municipality = Municipality.objects.get(slug=row["municipality"])
        membership.full_clean()
        membership.save()
        membership.places.clear()
        Membership.objects.filter(user=user).exclude(pk=membership.pk).delete()

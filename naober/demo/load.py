"""Load the demo data set (data.py) into the database, idempotently.

Organisations, municipalities, buildings and places are found by their natural key (name, slug,
name and town) and updated in place. A demo place's rules, closures and extra openings are made
equal to the data set: existing rows are reused in order, so their ids stay the same, surplus
rows are deleted and missing ones created. Running it twice leaves exactly one of everything;
running it after the data changed updates the facts.
"""

from dataclasses import dataclass
from datetime import date, time
from itertools import zip_longest

from django.contrib.auth import get_user_model
from django.db import models, transaction

from naober.places.models import Building, Municipality, Organisation, Place, Theme
from naober.places.postcodes import lookup
from naober.schedules.holidays import default_closed_holidays
from naober.schedules.openings import today as amsterdam_today

from . import data


@dataclass
class Loaded:
    municipalities: int
    organisations: int
    buildings: int
    places: int


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

    return Loaded(
        municipalities=len(municipalities),
        organisations=len(organisations),
        buildings=len(buildings),
        places=len(data.PLACES),
    )


def ensure_demo_login():
    """The demo coordinator: a superuser for the admin, with the demo's published password."""
    User = get_user_model()
    user = User.objects.filter(username=data.DEMO_USERNAME).first() or User(
        username=data.DEMO_USERNAME
    )
    user.is_staff = True
    user.is_superuser = True
    user.is_active = True
    user.set_password(data.DEMO_PASSWORD)
    user.save()
    return user

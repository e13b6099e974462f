"""A small planning network whose answers can be worked out by hand.

Noordenveld with two villages. Norg has a meeting place open every Tuesday (once a week); Peest,
5,000 m east of it, has a coffee morning on the first Wednesday of the month (once in the four
weeks from TODAY: 0.25 a week). Residents (RD New metres from the Norg place):

    N1  100 residents in Norg,    300 m east         -> 300 m from Norg's place
    N2   50 residents in Norg,  1,000 m north        -> 1,000 m
    P1   40 residents in Peest, at the Peest building -> 5,000 m from Norg's place, 0 from Peest's

Distances are given with detour 1.0 unless a test says otherwise. TODAY, Monday 2 March 2026,
starts four weeks without a public holiday.
"""

from dataclasses import dataclass
from datetime import date, time

from naober.places.constants import OrganisationKind, PlaceKind
from naober.places.geo import to_wgs84
from naober.places.models import Building, Municipality, Organisation, Place
from naober.planning.constants import AreaKind, DatasetKind, Method, ScenarioStatus
from naober.planning.models import Area, CandidateBuilding, Dataset, DemandPoint, Scenario
from naober.schedules.models import OpeningRule

TODAY = date(2026, 3, 2)
SOURCE = "Bron: CBS, PDOK (CC BY 4.0)"
# Norg's meeting place stands here (RD New), on the CBS point of postcode area 9331.
NORG_XY = (227008.4, 565789.0)


@dataclass
class Network:
    municipality: Municipality
    dataset: Dataset
    norg: Place
    peest: Place
    villages: dict
    # RD New of the Norg place's building, as the database holds it.
    origin: tuple[float, float]


def building(name, town, x, y, postcode="9331 AA") -> Building:
    latitude, longitude = to_wgs84(x, y)
    return Building.objects.create(
        name=name,
        street_address="Brink 1",
        postcode=postcode,
        town=town,
        latitude=latitude,
        longitude=longitude,
    )


def place(name, slug, building, municipality, village, organisation, **rule) -> Place:
    found = Place.objects.create(
        name=name,
        slug=slug,
        kind=PlaceKind.MEETING_PLACE,
        building=building,
        municipality=municipality,
        village=village,
    )
    found.organisations.add(organisation)
    OpeningRule.objects.create(
        place=found, valid_from=date(2025, 1, 1), start_time=time(10), end_time=time(12), **rule
    )
    return found


def demand_point(dataset, code, municipality_area, area, x, y, population) -> DemandPoint:
    latitude, longitude = to_wgs84(x, y)
    return DemandPoint.objects.create(
        dataset=dataset,
        code=code,
        municipality=municipality_area,
        area=area,
        x_rd=x,
        y_rd=y,
        latitude=latitude,
        longitude=longitude,
        population=population,
    )


def make_network() -> Network:
    noordenveld = Municipality.objects.create(
        name="Noordenveld", slug="noordenveld", cbs_code="GM1699"
    )
    win = Organisation.objects.create(name="WiN", kind=OrganisationKind.WELFARE)
    norg_building = building("Dorpshuis Norg", "Norg", *NORG_XY)
    x0, y0 = norg_building.x_rd, norg_building.y_rd
    peest_building = building("Kerk Peest", "Peest", x0 + 5000, y0, postcode="9334 AA")
    norg = place(
        "Ontmoetingsplek Norg",
        "ontmoetingsplek-norg",
        norg_building,
        noordenveld,
        "Norg",
        win,
        weekdays=[1],
    )
    peest = place(
        "Koffieochtend Peest",
        "koffieochtend-peest",
        peest_building,
        noordenveld,
        "Peest",
        win,
        frequency="monthly",
        week_of_month=1,
        weekdays=[2],
    )

    dataset = Dataset.objects.create(kind=DatasetKind.DEMAND, name="Toy residents", source=SOURCE)
    gm = Area.objects.create(kind=AreaKind.MUNICIPALITY, code="GM1699", name="Noordenveld")
    villages = {
        name: Area.objects.create(
            kind=AreaKind.VILLAGE, code=f"GM1699:{name}", name=name, parent=gm
        )
        for name in ("Norg", "Peest")
    }
    demand_point(dataset, "N1", gm, villages["Norg"], x0 + 300, y0, 100)
    demand_point(dataset, "N2", gm, villages["Norg"], x0, y0 + 1000, 50)
    demand_point(dataset, "P1", gm, villages["Peest"], peest_building.x_rd, peest_building.y_rd, 40)
    return Network(noordenveld, dataset, norg, peest, villages, (x0, y0))


def candidate(network: Network, name, dx, dy, **fields) -> CandidateBuilding:
    """A candidate building dx, dy metres (RD New) from the Norg place."""
    latitude, longitude = to_wgs84(network.origin[0] + dx, network.origin[1] + dy)
    return CandidateBuilding.objects.create(
        municipality=network.municipality,
        name=name,
        kind=fields.pop("kind", "sports_club"),
        town=fields.pop("town", "Norg"),
        latitude=latitude,
        longitude=longitude,
        **fields,
    )


def done_scenario(network) -> Scenario:
    """A scenario as the worker leaves it: the sports club in Peest reaches its 40 residents."""
    return Scenario.objects.create(
        municipality=network.municipality,
        name="Peest gets a place",
        method=Method.MAXIMAL_COVERING,
        new_places=1,
        radius_m=1500,
        detour=1.3,
        status=ScenarioStatus.DONE,
        progress=100,
        result={
            "chosen": [
                {
                    "id": 1,
                    "name": "Sportpark Peest",
                    "kind": "sports_club",
                    "kind_label": "Sports club",
                    "town": "Peest",
                    "latitude": 53.06,
                    "longitude": 6.53,
                    "newly_covered": 40,
                    "kitchen": True,
                    "step_free_entrance": True,
                    "accessible_toilet": False,
                }
            ],
            "covered_population": 190,
            "total_population": 190,
            "share": 1.0,
            "before": {"covered_population": 150, "share": 150 / 190},
            "optimal": True,
            "gap": None,
            "method": "maximal_covering",
            "uncoverable_population": 0,
            "mean_distance_m": None,
            "seconds": 0.05,
            "radius_m": 1500,
            "detour": 1.3,
            "min_openings_per_week": 1.0,
        },
    )

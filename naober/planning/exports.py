"""The planning figures as files: CSV for spreadsheets, GeoJSON for GIS tools.

The same numbers as the pages: demand_csv and demand_geojson from analysis.analyse(), and
scenario_csv and scenario_geojson from a finished Scenario's result. Every file says where its
figures come from: a `source` column in CSV, an `attribution` member in GeoJSON.

Text from the database (names of places, villages, buildings) goes into CSV cells that
spreadsheets may read as formulas; such cells get a leading quote (see safe_cell).
"""

import csv
import io

from .analysis import Analysis, sources_for
from .coverage import THRESHOLDS_M

DEMAND_COLUMNS = [
    "code",
    "area",
    "latitude",
    "longitude",
    "population",
    "distance_m",
    "nearest_place",
    *[f"within_{t}" for t in THRESHOLDS_M],
    "source",
]

SCENARIO_COLUMNS = [
    "id",
    "name",
    "kind",
    "town",
    "latitude",
    "longitude",
    "newly_covered",
    "kitchen",
    "step_free_entrance",
    "accessible_toilet",
    "source",
]

# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that starts like a formula gets a leading quote, so a spreadsheet shows it
    as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return out.getvalue()


def _attribution(sources: list[str]) -> str:
    return "; ".join(sources)


def _point_properties(point) -> dict:
    distance = round(point.distance_m)
    return {
        "code": point.code,
        "area": point.area,
        "latitude": point.latitude,
        "longitude": point.longitude,
        "population": point.population,
        "distance_m": distance,
        "nearest_place": point.nearest_place,
        # From the exact distance, as the page's figures are, not from the rounded one.
        **{f"within_{t}": int(point.distance_m <= t) for t in THRESHOLDS_M},
    }


def demand_csv(analysis: Analysis) -> str:
    """One row per demand point: where, how many residents, how far the nearest counting place
    is (metres, rounded) and whether that is within 500, 1,000, 1,500 and 3,000 m (0/1)."""
    source = _attribution(analysis.sources)
    return _csv(
        DEMAND_COLUMNS, [{**_point_properties(p), "source": source} for p in analysis.points]
    )


def _feature(latitude: float, longitude: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def demand_geojson(analysis: Analysis) -> dict:
    """The demand points (kind "demand", the CSV's properties) and the network's places (kind
    "place", with how often they open and whether they count), in WGS84."""
    features = [
        _feature(p.latitude, p.longitude, {"kind": "demand", **_point_properties(p)})
        for p in analysis.points
    ]
    features += [
        _feature(
            place.latitude,
            place.longitude,
            {
                "kind": "place",
                "id": place.id,
                "name": place.name,
                "village": place.village,
                "openings_per_week": place.openings_per_week,
                "counts": place.counts,
                "url": place.url,
            },
        )
        for place in analysis.places
    ]
    return {
        "type": "FeatureCollection",
        "attribution": _attribution(analysis.sources),
        "features": features,
    }


def _result(scenario) -> dict:
    if not scenario.result:
        raise ValueError("This scenario has no result yet.")
    return scenario.result


def _site_properties(site: dict) -> dict:
    return {
        "id": site["id"],
        "name": site["name"],
        "kind": site["kind"],
        "town": site["town"],
        "latitude": site["latitude"],
        "longitude": site["longitude"],
        "newly_covered": site["newly_covered"],
        "kitchen": int(site["kitchen"]),
        "step_free_entrance": int(site["step_free_entrance"]),
        "accessible_toilet": int(site["accessible_toilet"]),
    }


def scenario_csv(scenario) -> str:
    """One row per chosen site, in the result's order: the building and the residents it newly
    brings within the scenario's distance."""
    source = _attribution(sources_for(scenario.municipality))
    return _csv(
        SCENARIO_COLUMNS,
        [{**_site_properties(site), "source": source} for site in _result(scenario)["chosen"]],
    )


def scenario_geojson(scenario) -> dict:
    """The chosen sites as point features (kind "site"), with the scenario's figures beside
    them in `scenario`."""
    result = _result(scenario)
    figures = {key: value for key, value in result.items() if key != "chosen"}
    return {
        "type": "FeatureCollection",
        "attribution": _attribution(sources_for(scenario.municipality)),
        "scenario": {"id": scenario.pk, "name": str(scenario), **figures},
        "features": [
            _feature(
                site["latitude"], site["longitude"], {"kind": "site", **_site_properties(site)}
            )
            for site in result["chosen"]
        ],
    }

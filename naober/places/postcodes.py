"""Postcode areas to locations, without Django.

naober ships the CBS centroids of every four-digit postcode area (Bron: CBS, PDOK, CC BY 4.0), so
postcode search works on a fresh install with no network. A full postcode ("9521 AB") uses its
first four digits. Where a centroid falls outside its own area, the point CBS guarantees to lie
inside is used instead.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "pc4_nl_population_centroids.csv"

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:([A-Za-z]{2}))?\s*$")


@dataclass(frozen=True)
class PostcodeArea:
    pc4: str
    town: str
    municipality: str
    province: str
    population: int
    x_rd: float
    y_rd: float
    latitude: float
    longitude: float


def parse_postcode(text: str) -> str | None:
    """The four digits of a Dutch postcode ("9521", "9521AB", "9521 ab"), or None."""
    match = POSTCODE_RE.match(text)
    return match.group(1) if match else None


def normalise(text: str) -> str:
    """Lower case without accents or punctuation, for matching what people type to names."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def areas() -> dict[str, PostcodeArea]:
    from .geo import to_wgs84

    result = {}
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["geometry_empty"] == "True" or not row["x_rd"]:
                continue
            if row["centroid_inside"] == "True":
                x, y = float(row["x_rd"]), float(row["y_rd"])
                latitude, longitude = float(row["lat"]), float(row["lon"])
            else:
                x, y = float(row["rep_x_rd"]), float(row["rep_y_rd"])
                latitude, longitude = to_wgs84(x, y)
            result[row["pc4"]] = PostcodeArea(
                pc4=row["pc4"],
                town=row["plaats"],
                municipality=row["gemeente"],
                province=row["provincie"],
                population=int(float(row["inwoners"] or 0)),
                x_rd=x,
                y_rd=y,
                latitude=latitude,
                longitude=longitude,
            )
    return result


def lookup(pc4: str) -> PostcodeArea | None:
    return areas().get(pc4)


@lru_cache(maxsize=1)
def _towns() -> dict[str, list[PostcodeArea]]:
    towns: dict[str, list[PostcodeArea]] = {}
    for area in areas().values():
        towns.setdefault(normalise(area.town), []).append(area)
    return towns


def town_centre(name: str) -> tuple[str, float, float] | None:
    """The town's name and the population-weighted centre (RD) of its postcode areas, or None."""
    found = _towns().get(normalise(name))
    if not found:
        return None
    weights = [max(area.population, 1) for area in found]
    total = sum(weights)
    x = sum(area.x_rd * w for area, w in zip(found, weights, strict=True)) / total
    y = sum(area.y_rd * w for area, w in zip(found, weights, strict=True)) / total
    return found[0].town, x, y

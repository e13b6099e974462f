"""Importing areas, residents (demand points) and candidate buildings from files.

CSV, GeoJSON and GeoPackage (read with pyogrio). One file is one Dataset, imported in one
transaction: a problem anywhere stops the import with a message naming the line (CSV: the line
number in the file, header = line 1; GeoJSON/GeoPackage: the feature number, first = 1) and
nothing is written.

Coordinates: `x_rd,y_rd` (RD New, EPSG:28992) or `lon,lat` (WGS84, EPSG:4326) columns, or the
file's point/polygon geometry (a polygon gives its representative point inside it). The
coordinate system must be stated: by the file's own metadata (GeoPackage, GeoJSON with a crs) or
by `crs=`; plain CSV columns named x_rd/y_rd or lon/lat state it by their names.
"""

from collections.abc import Callable
from dataclasses import dataclass

# progress(done_rows, total_rows)
Progress = Callable[[int, int], None]


@dataclass
class ImportProblem(Exception):
    """The file cannot be imported; `line` names where (None: the file as a whole)."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def import_areas(path, *, kind, name="", source="", crs=None, progress=None, user=None):
    """Areas (municipalities, villages, neighbourhoods, postcode areas) with their outline and
    population. Returns the Dataset."""
    raise NotImplementedError


def import_demand(
    path, *, name="", source="", crs=None, municipalities=None, progress=None, user=None
):
    """Demand points with population (and age groups where the file has them); the
    municipality and village/neighbourhood areas they name are created or reused.
    `municipalities`: a set of CBS codes (GM1699) to keep, the rest of the file is skipped.
    Returns the Dataset."""
    raise NotImplementedError


def import_candidates(
    path, municipality, *, name="", source="", crs=None, progress=None, user=None
):
    """Candidate buildings for a network (places.Municipality). Returns the Dataset."""
    raise NotImplementedError

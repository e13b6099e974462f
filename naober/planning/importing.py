"""Importing areas, residents (demand points) and candidate buildings from files.

CSV, GeoJSON and GeoPackage (read with pyogrio; CSV with the csv module so line numbers are
exact). One file is one Dataset, imported in one transaction: a problem anywhere stops the import
with a message naming the line (CSV: the line number in the file, header = line 1; GeoJSON and
GeoPackage: the feature number, first = 1) and nothing is written. Every row is checked before
anything is written.

Coordinates: `x_rd,y_rd` (RD New, EPSG:28992) or `lon,lat` (WGS84, EPSG:4326) columns, or the
file's point/polygon geometry (a polygon gives its representative point inside it). The
coordinate system must be stated: by the file's own metadata (GeoPackage, GeoJSON) or by
`crs=`; plain CSV columns named x_rd/y_rd or lon/lat state it by their names, columns named x/y
need `crs=`.

Column names match case-insensitively, with the aliases in the *_COLUMNS tables below (CBS and
Dutch names included).

Rows that cannot be used but are not wrong are left out with a counted warning in the result
(ImportResult.warnings), never silently:
- a demand row without coordinates (PC4 5028 has no geometry) or with an empty population
  (CBS leaves small or secret figures empty; its codes -99995 to -99999 count as empty too).
Anything else wrong (non-numeric or negative population, swapped or out-of-country coordinates,
duplicate ids, missing columns) stops the import.

Areas are shared between datasets and reused by (kind, code): a municipality is its CBS code
(GM1699); when a file names municipalities only by name, the code is looked up among the known
municipalities (places.Municipality.cbs_code, earlier municipality Areas), else it becomes
"name:<Name>". A village is "<municipality code>:<name>" (GM1699:Roden). Areas a demand import
creates belong to no dataset (deleting the dataset keeps them); their population is set to the
sum of the imported points in them. `municipality_area(municipality)` finds the Area of a
network.

`read_points(path)` reads a point file without the database, for `naober planning site`.
"""

import csv
import io
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from naober.places import geo

from .constants import AreaKind, BuildingKind, DatasetKind

# progress(done_rows, total_rows)
Progress = Callable[[int, int], None]

RD = "EPSG:28992"
WGS84 = "EPSG:4326"
BATCH = 1000
PROGRESS_EVERY = 1000
# Outline simplification for the map: about 50 m, 5 decimals (about 1 m).
OUTLINE_TOLERANCE = 0.0005
OUTLINE_DECIMALS = 5
# CBS marks secret or unknown figures with these codes in its tables.
CBS_MISSING = {-99995, -99996, -99997, -99998, -99999}


@dataclass
class ImportProblem(Exception):
    """The file cannot be imported; `line` names where (None: the file as a whole)."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ImportResult:
    """What an import wrote: `dataset` (the Dataset row; `dataset.rows` rows were imported),
    `warnings` (plain sentences about rows left out, e.g. "2 rows without coordinates were left
    out: lines 5, 9.") and `skipped` (how many rows were left out for those reasons; rows outside
    the chosen municipalities are not counted)."""

    dataset: object
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0


@dataclass
class Points:
    """A point file read without the database: ids, RD New coordinates (n x 2, metres) and the
    population per point (None when the file has no population column)."""

    ids: list[str]
    xy: np.ndarray
    population: np.ndarray | None
    warnings: list[str] = field(default_factory=list)


# --- columns --------------------------------------------------------------------------------

ID = ("id", "code", "pc4", "postcode", "statcode", "gwb_code", "crs28992res100m")
POPULATION = ("population", "inwoners", "aantal_inwoners", "residents")
MUNICIPALITY_CODE = ("gemeentecode", "gm_code", "municipality_code")
MUNICIPALITY_NAME = ("gemeente", "gemeentenaam", "municipality")
VILLAGE = ("plaats", "woonplaats", "village", "town", "statnaam")
AGES = {
    "aged_0_14": ("aged_0_14", "a_00_14"),
    "aged_15_24": ("aged_15_24", "a_15_24"),
    "aged_25_44": ("aged_25_44", "a_25_44"),
    "aged_45_64": ("aged_45_64", "a_45_64"),
    "aged_65_plus": ("aged_65_plus", "aged_65_and_over", "a_65_oo"),
}
X_RD = ("x_rd", "rd_x", "x_rd_new")
Y_RD = ("y_rd", "rd_y", "y_rd_new")
LON = ("lon", "longitude", "lng")
LAT = ("lat", "latitude")
PLAIN_X = ("x",)
PLAIN_Y = ("y",)
AREA_NAME = ("name", "naam", "statnaam", "wijknaam", "buurtnaam", "woonplaats", "plaats")

BUILDING_WORDS = {
    "buurthuis": BuildingKind.COMMUNITY_CENTRE,
    "dorpshuis": BuildingKind.COMMUNITY_CENTRE,
    "wijkcentrum": BuildingKind.COMMUNITY_CENTRE,
    "sportkantine": BuildingKind.SPORTS_CLUB,
    "sportclub": BuildingKind.SPORTS_CLUB,
    "kerk": BuildingKind.CHURCH,
    "school": BuildingKind.SCHOOL,
    "zorg": BuildingKind.CARE,
    "zorggebouw": BuildingKind.CARE,
    "bibliotheek": BuildingKind.LIBRARY,
    "anders": BuildingKind.OTHER,
}
YES = {"ja", "yes", "1", "true", "waar", "j", "y"}
NO = {"nee", "no", "0", "false", "onwaar", "n", ""}


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


# --- reading files --------------------------------------------------------------------------


@dataclass
class Table:
    """A file's rows as text cells ("" for empty), with the line (or feature) number of each
    row and, for GeoJSON/GeoPackage, the geometry (shapely) and the file's coordinate system."""

    file_name: str
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]
    geometry: np.ndarray | None = None
    crs: str | None = None
    # Where a problem with the columns is: the header line of a CSV; a GeoJSON/GeoPackage has
    # no line for it.
    header_line: int | None = 1

    def find(self, aliases) -> int | None:
        normal = [_normal(c) for c in self.columns]
        for alias in aliases:
            if alias in normal:
                return normal.index(alias)
        return None

    def cells(self, index: int) -> list[str]:
        return [row[index] if index < len(row) else "" for row in self.rows]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))
    return str(value).strip()


def read_table(path, *, layer=None) -> Table:
    """Read a CSV, GeoJSON or GeoPackage file into a Table (no database)."""
    path = Path(path)
    if not path.is_file():
        raise ImportProblem(_("File not found: %(file)s.") % {"file": path})
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    return _read_geo(path, layer)


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save CSV in Windows-1252.
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = next(reader)
    except StopIteration:
        raise ImportProblem(_("The file is empty.")) from None
    rows, lines = [], []
    previous = reader.line_num
    for record in reader:
        start, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        rows.append([cell.strip() for cell in record])
        lines.append(start)
    return Table(path.name, [c.strip() for c in columns], rows, lines)


def _read_geo(path: Path, layer) -> Table:
    try:
        if layer is None:
            layers = pyogrio.list_layers(path)
            if len(layers) > 1:
                raise ImportProblem(
                    _("The file has several layers: %(layers)s. Choose one (--layer).")
                    % {"layers": ", ".join(str(name) for name, _kind in layers)}
                )
        meta, _fids, geometry, field_data = pyogrio.raw.read(path, layer=layer)
    except ImportProblem:
        raise
    except Exception as error:  # pyogrio raises its own errors for unreadable files
        raise ImportProblem(
            _("Cannot read %(file)s as CSV, GeoJSON or GeoPackage: %(error)s")
            % {"file": path.name, "error": error}
        ) from None
    columns = [str(c) for c in meta["fields"]]
    n = len(geometry) if geometry is not None else (len(field_data[0]) if field_data else 0)
    values = [[_cell(v) for v in column.tolist()] for column in field_data]
    rows = [[column[i] for column in values] for i in range(n)]
    geoms = shapely.from_wkb(geometry) if geometry is not None else None
    return Table(path.name, columns, rows, list(range(1, n + 1)), geoms, meta.get("crs"), None)


# --- columns and values ---------------------------------------------------------------------


def _describe(aliases) -> str:
    return " / ".join(aliases[:6])


def _require(table: Table, wanted: dict[str, tuple]) -> dict[str, int]:
    """Column index per field; a problem naming every missing column and the ones found."""
    found, missing = {}, []
    for key, aliases in wanted.items():
        index = table.find(aliases)
        if index is None:
            missing.append(_describe(aliases))
        else:
            found[key] = index
    if missing:
        raise ImportProblem(
            _("Missing columns: %(missing)s. The file has: %(found)s.")
            % {"missing": "; ".join(missing), "found": ", ".join(table.columns) or "-"},
            table.header_line,
        )
    return found


def _number(text: str) -> float | None:
    """A number from a cell: None when empty; decimal comma accepted. ValueError if not one."""
    text = text.strip()
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def _count(text: str, line: int, label: str) -> int | None:
    """A whole count >= 0 from a cell; None when empty or a CBS 'secret' code."""
    try:
        value = _number(text)
    except ValueError:
        raise ImportProblem(
            _("%(column)s %(value)s is not a number.") % {"column": label, "value": repr(text)},
            line,
        ) from None
    if value is None or value in CBS_MISSING:
        return None
    if not math.isfinite(value):
        raise ImportProblem(
            _("%(column)s %(value)s is not a number.") % {"column": label, "value": repr(text)},
            line,
        )
    if value < 0:
        raise ImportProblem(
            _("%(column)s must not be negative, the file says %(value)s.")
            % {"column": label, "value": text},
            line,
        )
    if not value.is_integer():
        raise ImportProblem(
            _("%(column)s must be a whole number, the file says %(value)s.")
            % {"column": label, "value": text},
            line,
        )
    return int(value)


def _municipality_code(text: str, line: int) -> str:
    text = text.strip().upper()
    if not text:
        return ""
    if text.isdigit() and len(text) <= 4:
        return f"GM{int(text):04d}"
    if re.fullmatch(r"GM\d{4}", text):
        return text
    raise ImportProblem(
        _("%(value)s is not a CBS municipality code such as GM1699 or 1699.")
        % {"value": repr(text)},
        line,
    )


# --- coordinates ----------------------------------------------------------------------------


@dataclass
class Located:
    """Coordinates of every row in both systems (NaN: the row has none) and the system the
    file states (RD, WGS84 or another EPSG code)."""

    crs: str
    a: np.ndarray  # the file's own x / longitude
    b: np.ndarray  # the file's own y / latitude
    x_rd: np.ndarray
    y_rd: np.ndarray
    lat: np.ndarray
    lon: np.ndarray

    def missing(self, i: int) -> bool:
        return not (math.isfinite(self.x_rd[i]) and math.isfinite(self.y_rd[i]))

    def problem(self, i: int, line: int) -> ImportProblem | None:
        """Swapped or out-of-country coordinates; None when fine or missing."""
        a, b = float(self.a[i]), float(self.b[i])
        if not (math.isfinite(a) and math.isfinite(b)):
            return None
        if self.crs == RD:
            if geo.in_rd_bounds(a, b):
                return None
            if geo.in_rd_bounds(b, a):
                message = _(
                    "x and y seem to be swapped: in RD New x lies between %(x0)d and %(x1)d "
                    "and y between %(y0)d and %(y1)d; the file says x=%(x)s, y=%(y)s."
                )
            else:
                message = _(
                    "This point lies outside the Netherlands: in RD New x lies between %(x0)d "
                    "and %(x1)d and y between %(y0)d and %(y1)d; the file says x=%(x)s, y=%(y)s."
                )
            values = {"x0": geo.RD_X[0], "x1": geo.RD_X[1], "y0": geo.RD_Y[0], "y1": geo.RD_Y[1]}
            return ImportProblem(message % (values | {"x": a, "y": b}), line)
        if self.crs == WGS84:
            lon, lat = a, b
            if geo.in_netherlands(lat, lon):
                return None
            if geo.in_netherlands(lon, lat):
                message = _(
                    "Longitude and latitude seem to be swapped: in the Netherlands the longitude "
                    "lies between %(lon0)s and %(lon1)s and the latitude between %(lat0)s and "
                    "%(lat1)s; the file says longitude %(lon)s, latitude %(lat)s."
                )
            else:
                message = _(
                    "This point lies outside the Netherlands: the longitude lies between "
                    "%(lon0)s and %(lon1)s and the latitude between %(lat0)s and %(lat1)s; the "
                    "file says longitude %(lon)s, latitude %(lat)s."
                )
            return ImportProblem(
                message
                % {
                    "lon0": geo.NL_LONGITUDE[0],
                    "lon1": geo.NL_LONGITUDE[1],
                    "lat0": geo.NL_LATITUDE[0],
                    "lat1": geo.NL_LATITUDE[1],
                    "lon": lon,
                    "lat": lat,
                },
                line,
            )
        lat, lon = float(self.lat[i]), float(self.lon[i])
        if math.isfinite(lat) and math.isfinite(lon) and geo.in_netherlands(lat, lon):
            return None
        return ImportProblem(
            _("This point lies outside the Netherlands (%(crs)s: %(a)s, %(b)s).")
            % {"crs": self.crs, "a": a, "b": b},
            line,
        )


def _crs_name(crs) -> str:
    try:
        parsed = CRS.from_user_input(crs)
    except CRSError:
        raise ImportProblem(
            _("Unknown coordinate system %(crs)s; use EPSG:28992 (RD New) or EPSG:4326 (WGS84).")
            % {"crs": repr(crs)}
        ) from None
    epsg = parsed.to_epsg()
    if epsg == 4326 or (epsg is None and parsed.name in ("WGS 84", "WGS84")):
        return WGS84
    return f"EPSG:{epsg}" if epsg else parsed.to_string()


def _floats(table: Table, index: int, label: str) -> np.ndarray:
    out = np.full(len(table.rows), np.nan)
    for i, text in enumerate(table.cells(index)):
        try:
            value = _number(text)
        except ValueError:
            raise ImportProblem(
                _("%(column)s %(value)s is not a number.") % {"column": label, "value": repr(text)},
                table.lines[i],
            ) from None
        if value is not None and math.isfinite(value):
            out[i] = value
    return out


NO_CRS = gettext_noop(
    "The coordinate system is not stated. Name the columns x_rd and y_rd (RD New, EPSG:28992) "
    "or lon and lat (WGS84, EPSG:4326), or give the coordinate system (--crs EPSG:28992)."
)


def locate(table: Table, crs=None) -> Located:
    """The coordinates of every row, from named columns or the geometry, in RD New and WGS84."""
    x, y = table.find(X_RD), table.find(Y_RD)
    lon, lat = table.find(LON), table.find(LAT)
    px, py = table.find(PLAIN_X), table.find(PLAIN_Y)
    if x is not None and y is not None:
        source, a, b = RD, _floats(table, x, table.columns[x]), _floats(table, y, table.columns[y])
    elif lon is not None and lat is not None:
        source = WGS84
        a, b = _floats(table, lon, table.columns[lon]), _floats(table, lat, table.columns[lat])
    elif table.geometry is not None:
        stated = crs or table.crs
        if not stated:
            raise ImportProblem(_(NO_CRS))
        source = _crs_name(stated)
        points = shapely.point_on_surface(table.geometry)
        a, b = shapely.get_x(points), shapely.get_y(points)
        a = np.where(np.isfinite(a), a, np.nan)
        b = np.where(np.isfinite(b), b, np.nan)
    elif px is not None and py is not None:
        if not crs:
            raise ImportProblem(_(NO_CRS), table.header_line)
        source = _crs_name(crs)
        a, b = _floats(table, px, table.columns[px]), _floats(table, py, table.columns[py])
    else:
        raise ImportProblem(
            _(
                "Missing columns: x_rd and y_rd (RD New) or lon and lat (WGS84), and the file "
                "has no geometry. The file has: %(found)s."
            )
            % {"found": ", ".join(table.columns) or "-"},
            table.header_line,
        )
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore"):
        if source == RD:
            x_rd, y_rd = np.round(a, 1), np.round(b, 1)
            lat_, lon_ = geo.to_wgs84_many(a, b)
        elif source == WGS84:
            lon_, lat_ = np.round(a, 6), np.round(b, 6)
            x_rd, y_rd = geo.to_rd_many(b, a)
        else:
            x_rd, y_rd = Transformer.from_crs(source, RD, always_xy=True).transform(a, b)
            lon_, lat_ = Transformer.from_crs(source, WGS84, always_xy=True).transform(a, b)
            x_rd, y_rd, lat_, lon_ = (
                np.round(v, r) for v, r in ((x_rd, 1), (y_rd, 1), (lat_, 6), (lon_, 6))
            )
    clean = [np.where(np.isfinite(v), v, np.nan) for v in (x_rd, y_rd, lat_, lon_)]
    return Located(source, a, b, *clean)


def outlines(table: Table, crs=None) -> list[dict | None]:
    """The polygon outlines as simplified WGS84 GeoJSON dicts (None for points or no geometry)."""
    if table.geometry is None:
        return [None] * len(table.rows)
    source = _crs_name(crs or table.crs) if (crs or table.crs) else WGS84
    geoms = table.geometry
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6)) & ~shapely.is_empty(geoms)
    geoms = np.where(polygonal, geoms, None)
    if source != WGS84:
        to_wgs84 = Transformer.from_crs(source, WGS84, always_xy=True)

        def project(coords):
            lon, lat = to_wgs84.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([lon, lat])

        geoms = shapely.transform(geoms, project)
    geoms = shapely.simplify(geoms, OUTLINE_TOLERANCE, preserve_topology=True)
    geoms = shapely.transform(geoms, lambda coords: np.round(coords, OUTLINE_DECIMALS))
    return [
        json.loads(shapely.to_geojson(g)) if g is not None and not shapely.is_empty(g) else None
        for g in geoms
    ]


# --- municipalities -------------------------------------------------------------------------


def _known_municipalities() -> dict[str, str]:
    """Municipality name (casefolded) -> CBS code, from the networks and earlier imports."""
    from naober.places.models import Municipality

    from .models import Area

    known = {}
    pairs = list(
        Area.objects.filter(kind=AreaKind.MUNICIPALITY, code__regex=r"^GM[0-9]{4}$").values_list(
            "name", "code"
        )
    ) + list(Municipality.objects.exclude(cbs_code="").values_list("name", "cbs_code"))
    for name, code in pairs:
        known[name.casefold()] = code.upper()
        # CBS tells namesakes apart, "Hengelo (O.)"; other files say "Hengelo".
        short = re.sub(r"\s*\(.*\)$", "", name).casefold()
        known.setdefault(short, code.upper())
    return known


def municipality_area(municipality):
    """The municipality Area of a network (places.Municipality): by its CBS code, then by its
    name (a file that named municipalities only by name gives the code "name:<Name>"). None when
    nothing was imported for it."""
    from .models import Area

    areas = Area.objects.filter(kind=AreaKind.MUNICIPALITY)
    found = None
    if municipality.cbs_code:
        found = areas.filter(code__iexact=municipality.cbs_code).first()
    return (
        found
        or areas.filter(code=f"name:{municipality.name}").first()
        or areas.filter(name__iexact=municipality.name).order_by("code").first()
    )


class _Filter:
    """Which municipalities to keep: CBS codes (GM1699, 1699) or names (Noordenveld)."""

    def __init__(self, wanted, known: dict[str, str]):
        self.active = bool(wanted)
        self.codes, self.names = set(), set()
        for item in wanted or ():
            item = str(item).strip()
            if re.fullmatch(r"(?i)(GM)?\d{1,4}", item):
                code = _municipality_code(item, None)
                self.codes.add(code)
                self.names.update(name for name, c in known.items() if c == code)
            else:
                self.names.add(item.casefold())
                if item.casefold() in known:
                    self.codes.add(known[item.casefold()])

    def keeps(self, code: str, name: str) -> bool:
        return not self.active or code in self.codes or name.casefold() in self.names


def _municipality_of(row, columns: dict, known: dict, line: int) -> tuple[str, str]:
    """(code, name) of the row's municipality; ("", "") when the file does not say."""
    code = name = ""
    if "municipality_code" in columns:
        code = _municipality_code(_get(row, columns["municipality_code"]), line)
    if "municipality_name" in columns:
        name = _get(row, columns["municipality_name"])
    if not code and name:
        code = known.get(name.casefold(), f"name:{name}")
    return code, name


def _unique_id(code: str, seen: dict[str, int], line: int) -> str:
    """The row's id, refused when empty or already on an earlier line (remembered in `seen`)."""
    if not code:
        raise ImportProblem(_("The id is empty."), line)
    if code in seen:
        raise ImportProblem(
            _("The id %(id)s appears twice in the file: first on line %(first)d.")
            % {"id": code, "first": seen[code]},
            line,
        )
    seen[code] = line
    return code


def _get(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index]


def _optional(table: Table, wanted: dict[str, tuple]) -> dict[str, int]:
    found = {}
    for key, aliases in wanted.items():
        index = table.find(aliases)
        if index is not None:
            found[key] = index
    return found


def _lines(lines: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (", ..." if len(lines) > limit else "")


def _left_out(no_coordinates: list[int], no_population: list[int]) -> list[str]:
    """The warnings about rows left out, with their lines."""
    warnings = []
    if no_coordinates:
        warnings.append(
            ngettext(
                "%(count)d row without coordinates was left out: line %(lines)s.",
                "%(count)d rows without coordinates were left out: lines %(lines)s.",
                len(no_coordinates),
            )
            % {"count": len(no_coordinates), "lines": _lines(no_coordinates)}
        )
    if no_population:
        warnings.append(
            ngettext(
                "%(count)d row without a population figure was left out: line %(lines)s.",
                "%(count)d rows without a population figure were left out: lines %(lines)s.",
                len(no_population),
            )
            % {"count": len(no_population), "lines": _lines(no_population)}
        )
    return warnings


def _tick(progress, done: int, total: int) -> None:
    if progress is not None and done % PROGRESS_EVERY == 0:
        progress(done, total)


# --- demand ---------------------------------------------------------------------------------


@dataclass
class _DemandRow:
    line: int
    code: str
    municipality: tuple[str, str]
    village: str
    x_rd: float
    y_rd: float
    lat: float
    lon: float
    population: int
    ages: dict


def _demand_rows(table, located, columns, ages, keep, known, progress):
    seen: dict[str, int] = {}
    rows: list[_DemandRow] = []
    no_coordinates: list[int] = []
    no_population: list[int] = []
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        _tick(progress, i, total)
        municipality = _municipality_of(row, columns, known, line)
        if not keep.keeps(*municipality):
            continue
        code = _unique_id(_get(row, columns["id"]), seen, line)
        population = _count(
            _get(row, columns["population"]), line, table.columns[columns["population"]]
        )
        problem = located.problem(i, line)
        if problem is not None:
            raise problem
        counts = {
            key: _count(_get(row, index), line, table.columns[index]) for key, index in ages.items()
        }
        if located.missing(i):
            no_coordinates.append(line)
            continue
        if population is None:
            no_population.append(line)
            continue
        rows.append(
            _DemandRow(
                line,
                code,
                municipality,
                _get(row, columns.get("village")),
                float(located.x_rd[i]),
                float(located.y_rd[i]),
                float(located.lat[i]),
                float(located.lon[i]),
                population,
                counts,
            )
        )
    warnings = _left_out(no_coordinates, no_population)
    return rows, warnings, len(no_coordinates) + len(no_population)


def _no_rows(keep: _Filter, municipalities) -> ImportProblem:
    if keep.active:
        return ImportProblem(
            _("No rows for %(municipalities)s in the file.")
            % {"municipalities": ", ".join(sorted(map(str, municipalities)))}
        )
    return ImportProblem(_("The file has no rows to import."))


def import_demand(
    path,
    *,
    name="",
    source="",
    crs=None,
    municipalities=None,
    progress=None,
    user=None,
    layer=None,
    area_kind=AreaKind.VILLAGE,
) -> ImportResult:
    """Demand points with population (and age groups where the file has them); the
    municipality and village/neighbourhood areas they name are created or reused.

    `municipalities`: CBS codes (GM1699) or names (Noordenveld) to keep; the rest of the file is
    skipped. `area_kind`: what the village column (plaats, woonplaats, statnaam, ...) names,
    AreaKind.VILLAGE or AreaKind.NEIGHBOURHOOD. `progress(done, total)` is called every 1,000
    rows and at the end.

    Returns an ImportResult: `.dataset` is the new Dataset, `.warnings` the rows left out
    (without coordinates or population), `.skipped` their number. Raises ImportProblem and
    writes nothing when the file cannot be imported.
    """
    from .models import Dataset, DemandPoint

    table = read_table(path, layer=layer)
    columns = _require(table, {"id": ID, "population": POPULATION})
    columns |= _optional(
        table,
        {
            "municipality_code": MUNICIPALITY_CODE,
            "municipality_name": MUNICIPALITY_NAME,
            "village": VILLAGE,
        },
    )
    ages = _optional(table, AGES)
    located = locate(table, crs)
    known = _known_municipalities()
    keep = _Filter(municipalities, known)
    rows, warnings, skipped = _demand_rows(table, located, columns, ages, keep, known, progress)
    if not rows:
        raise _no_rows(keep, municipalities)

    municipality_population: dict[str, int] = {}
    municipality_names: dict[str, str] = {}
    village_population: dict[str, int] = {}
    village_names: dict[str, tuple[str, str]] = {}
    for row in rows:
        m_code, m_name = row.municipality
        if not m_code:
            continue
        municipality_names.setdefault(m_code, m_name or m_code)
        municipality_population[m_code] = municipality_population.get(m_code, 0) + row.population
        if row.village:
            v_code = f"{m_code}:{row.village}"
            village_names.setdefault(v_code, (row.village, m_code))
            village_population[v_code] = village_population.get(v_code, 0) + row.population

    with transaction.atomic():
        dataset = Dataset.objects.create(
            kind=DatasetKind.DEMAND,
            name=name or Path(path).stem,
            source=source,
            file_name=Path(path).name,
            crs=located.crs,
            rows=len(rows),
            imported_by=user,
        )
        m_areas = _ensure_areas(
            AreaKind.MUNICIPALITY,
            {
                code: {"name": municipality_names[code], "population": population}
                for code, population in municipality_population.items()
            },
        )
        v_areas = _ensure_areas(
            area_kind,
            {
                code: {
                    "name": village_names[code][0],
                    "population": population,
                    "parent": m_areas[village_names[code][1]],
                }
                for code, population in village_population.items()
            },
        )
        points = []
        for row in rows:
            m_code = row.municipality[0]
            points.append(
                DemandPoint(
                    dataset=dataset,
                    code=row.code,
                    municipality=m_areas.get(m_code),
                    area=v_areas.get(f"{m_code}:{row.village}") if row.village else None,
                    x_rd=row.x_rd,
                    y_rd=row.y_rd,
                    latitude=row.lat,
                    longitude=row.lon,
                    population=row.population,
                    **row.ages,
                )
            )
        DemandPoint.objects.bulk_create(points, batch_size=BATCH)
    if progress is not None:
        progress(len(table.rows), len(table.rows))
    return ImportResult(dataset, warnings, skipped)


def _ensure_areas(kind, wanted: dict[str, dict], dataset=None) -> dict:
    """Create or reuse the Areas of `kind` by code; update their name (when empty), population,
    parent and outline from `wanted` (code -> field values). Returns code -> Area."""
    from .models import Area

    codes = list(wanted)
    existing = {}
    for start in range(0, len(codes), 500):
        for area in Area.objects.filter(kind=kind, code__in=codes[start : start + 500]):
            existing[area.code] = area
    changed_fields = {"population"}
    new = []
    for code, values in wanted.items():
        area = existing.get(code)
        if area is None:
            new.append(Area(kind=kind, code=code, dataset=dataset, **values))
            continue
        for key, value in values.items():
            if key == "name" and area.name:
                continue
            if key in ("parent", "geometry") and value is None:
                continue
            setattr(area, key, value)
            changed_fields.add(key)
        if dataset is not None:
            area.dataset = dataset
            changed_fields.add("dataset")
    if existing:
        Area.objects.bulk_update(list(existing.values()), sorted(changed_fields), batch_size=BATCH)
    Area.objects.bulk_create(new, batch_size=BATCH)
    found = dict(existing)
    new_codes = [a.code for a in new]
    for start in range(0, len(new_codes), 500):
        for area in Area.objects.filter(kind=kind, code__in=new_codes[start : start + 500]):
            found[area.code] = area
    return found


# --- areas ----------------------------------------------------------------------------------


def import_areas(
    path,
    *,
    kind,
    name="",
    source="",
    crs=None,
    progress=None,
    user=None,
    layer=None,
    municipalities=None,
) -> ImportResult:
    """Areas (municipalities, villages, neighbourhoods, postcode areas) with their outline and
    population, e.g. the CBS gemeenten GeoJSON (gemeentecode, gemeentenaam, aantal_inwoners) or
    PC4 polygons (pc4, inwoners, plaats, gemeente).

    Areas are reused by (kind, code) and then belong to this dataset; an area's population is
    the file's figure (empty stays empty). A code that appears twice stops the import.
    `municipalities` keeps only those (codes or names) when the file says the municipality.
    Returns an ImportResult (`.dataset`, `.warnings`).
    """
    from .models import Dataset

    table = read_table(path, layer=layer)
    kind = AreaKind(kind)
    id_aliases = MUNICIPALITY_CODE + ID if kind == AreaKind.MUNICIPALITY else ID
    name_aliases = {
        AreaKind.MUNICIPALITY: MUNICIPALITY_NAME + AREA_NAME,
        # A postcode area is called by its code and town: "9301 Roden".
        AreaKind.POSTCODE: ("name", "naam"),
    }.get(kind, AREA_NAME)
    columns = _optional(
        table,
        {
            "id": id_aliases,
            "name": name_aliases,
            "population": POPULATION,
            "municipality_code": MUNICIPALITY_CODE,
            "municipality_name": MUNICIPALITY_NAME,
            "place": VILLAGE,
        },
    )
    if "id" not in columns and not (kind == AreaKind.VILLAGE and "name" in columns):
        _require(table, {"id": id_aliases})
    if "name" not in columns and "id" not in columns:
        _require(table, {"name": name_aliases})
    located = None
    if table.geometry is not None or any(table.find(a) is not None for a in (X_RD, LON, PLAIN_X)):
        located = locate(table, crs)
    shapes = outlines(table, crs)
    known = _known_municipalities()
    keep = _Filter(municipalities, known)

    seen: dict[str, int] = {}
    areas: dict[str, dict] = {}
    parents: dict[str, str] = {}
    parent_names: dict[str, str] = {}
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        _tick(progress, i, total)
        m_code, m_name = _municipality_of(row, columns, known, line)
        if kind == AreaKind.MUNICIPALITY:
            m_code = (
                _municipality_code(_get(row, columns.get("id")), line) if "id" in columns else ""
            )
            m_name = _get(row, columns.get("name"))
            if not m_code and m_name:
                m_code = known.get(m_name.casefold(), f"name:{m_name}")
        if not keep.keeps(m_code, m_name):
            continue
        area_name = _get(row, columns.get("name"))
        if kind == AreaKind.MUNICIPALITY:
            code = m_code
        elif "id" in columns:
            code = _get(row, columns["id"])
        else:
            code = f"{m_code}:{area_name}" if m_code and area_name else ""
        if not code:
            raise ImportProblem(_("The id is empty."), line)
        if code in seen:
            raise ImportProblem(
                _("The area %(code)s appears twice in the file: first on line %(first)d.")
                % {"code": code, "first": seen[code]},
                line,
            )
        seen[code] = line
        if not area_name:
            place = _get(row, columns.get("place"))
            area_name = f"{code} {place}" if kind == AreaKind.POSTCODE and place else code
        population = None
        if "population" in columns:
            population = _count(
                _get(row, columns["population"]), line, table.columns[columns["population"]]
            )
        if located is not None:
            problem = located.problem(i, line)
            if problem is not None:
                raise problem
        areas[code] = {"name": area_name, "population": population, "geometry": shapes[i]}
        if kind != AreaKind.MUNICIPALITY and m_code:
            parents[code] = m_code
            parent_names.setdefault(m_code, m_name or m_code)
    if not areas:
        raise _no_rows(keep, municipalities)

    with transaction.atomic():
        dataset = Dataset.objects.create(
            kind=DatasetKind.AREAS,
            name=name or Path(path).stem,
            source=source,
            file_name=Path(path).name,
            crs=located.crs if located else "",
            rows=len(areas),
            imported_by=user,
        )
        if parents:
            m_areas = _ensure_areas(
                AreaKind.MUNICIPALITY, {code: {"name": n} for code, n in parent_names.items()}
            )
            for code, m_code in parents.items():
                areas[code]["parent"] = m_areas[m_code]
        _ensure_areas(kind, areas, dataset)
    if progress is not None:
        progress(total, total)
    return ImportResult(dataset)


# --- candidate buildings --------------------------------------------------------------------


def _building_kind(text: str, line: int) -> str:
    word = _normal(text)
    if word in BuildingKind.values:
        return word
    if word in BUILDING_WORDS:
        return BUILDING_WORDS[word]
    for kind in BuildingKind:
        if word == _normal(str(kind.label)):
            return kind.value
    allowed = ", ".join(list(BuildingKind.values) + sorted(BUILDING_WORDS))
    raise ImportProblem(
        _("The kind %(value)s is not known. Allowed: %(allowed)s.")
        % {"value": repr(text), "allowed": allowed},
        line,
    )


def _boolean(text: str, line: int, label: str) -> bool:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ImportProblem(
        _("%(column)s %(value)s is not yes or no (ja/nee, yes/no, 1/0, true/false).")
        % {"column": label, "value": repr(text)},
        line,
    )


CANDIDATE_OPTIONAL = {
    "id": ("id", "code"),
    "town": ("town", "plaats", "woonplaats", "village"),
    "street_address": ("street_address", "address", "adres", "straat"),
    "capacity": ("capacity", "capaciteit", "seats", "plaatsen"),
    "available": ("available", "beschikbaar"),
    "notes": ("notes", "opmerkingen", "toelichting"),
}
CANDIDATE_FLAGS = {
    "step_free_entrance": ("step_free_entrance", "drempelvrij", "rolstoeltoegankelijk"),
    "accessible_toilet": ("accessible_toilet", "invalidentoilet", "toegankelijk_toilet"),
    "kitchen": ("kitchen", "keuken"),
    "parking": ("parking", "parkeren"),
    "hearing_loop": ("hearing_loop", "ringleiding"),
}


def import_candidates(
    path, municipality, *, name="", source="", crs=None, progress=None, user=None, layer=None
) -> ImportResult:
    """Candidate buildings for a network (places.Municipality): columns name, kind, town and
    coordinates required; id, street_address, capacity, available, notes and the yes/no
    facilities (step_free_entrance, accessible_toilet, kitchen, parking, hearing_loop)
    optional. A building without coordinates stops the import (it cannot be placed).
    Returns an ImportResult (`.dataset`)."""
    from .models import CandidateBuilding, Dataset

    table = read_table(path, layer=layer)
    columns = _require(
        table,
        {
            "name": ("name", "naam"),
            "kind": ("kind", "soort", "type"),
        },
    )
    columns |= _optional(table, CANDIDATE_OPTIONAL | CANDIDATE_FLAGS)
    if "town" not in columns:
        _require(table, {"town": CANDIDATE_OPTIONAL["town"]})
    located = locate(table, crs)
    seen: dict[str, int] = {}
    buildings = []
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        _tick(progress, i, total)
        # The id is optional for buildings; when given, it must be unique.
        code = _get(row, columns.get("id"))
        if code:
            _unique_id(code, seen, line)
        building_name = _get(row, columns["name"])
        if not building_name:
            raise ImportProblem(_("The name is empty."), line)
        kind = _building_kind(_get(row, columns["kind"]), line)
        town = _get(row, columns["town"])
        if not town:
            raise ImportProblem(_("The town is empty."), line)
        problem = located.problem(i, line)
        if problem is not None:
            raise problem
        if located.missing(i):
            raise ImportProblem(_("The building has no coordinates."), line)
        capacity = None
        if "capacity" in columns:
            capacity = _count(
                _get(row, columns["capacity"]), line, table.columns[columns["capacity"]]
            )
            if capacity is not None and capacity > 32767:
                raise ImportProblem(
                    _("%(column)s %(value)d is more than a room holds.")
                    % {"column": table.columns[columns["capacity"]], "value": capacity},
                    line,
                )
        flags = {
            key: _boolean(_get(row, columns[key]), line, table.columns[columns[key]])
            for key in CANDIDATE_FLAGS
            if key in columns
        }
        buildings.append(
            CandidateBuilding(
                municipality=municipality,
                code=code,
                name=building_name[:200],
                kind=kind,
                town=town[:100],
                street_address=_get(row, columns.get("street_address"))[:200],
                latitude=float(located.lat[i]),
                longitude=float(located.lon[i]),
                x_rd=float(located.x_rd[i]),
                y_rd=float(located.y_rd[i]),
                capacity=capacity,
                available=_get(row, columns.get("available"))[:200],
                notes=_get(row, columns.get("notes")),
                **flags,
            )
        )
    if not buildings:
        raise ImportProblem(_("The file has no rows to import."))
    with transaction.atomic():
        dataset = Dataset.objects.create(
            kind=DatasetKind.CANDIDATES,
            name=name or Path(path).stem,
            source=source,
            file_name=Path(path).name,
            crs=located.crs,
            rows=len(buildings),
            imported_by=user,
        )
        for building in buildings:
            building.dataset = dataset
        # bulk_create skips save(): x_rd/y_rd are set above from the same transformation.
        CandidateBuilding.objects.bulk_create(buildings, batch_size=BATCH)
    if progress is not None:
        progress(total, total)
    return ImportResult(dataset)


# --- point files for siting (no database) ---------------------------------------------------


def read_points(path, *, population=False, crs=None, layer=None) -> Points:
    """Ids and RD New coordinates (and population when `population`) of a point file, for
    `naober planning site`. The same column names and checks as the imports; rows without
    coordinates (or population) are left out with a warning. No database."""
    table = read_table(path, layer=layer)
    wanted = {"id": ID}
    if population:
        wanted["population"] = POPULATION
    columns = _require(table, wanted)
    located = locate(table, crs)
    seen: dict[str, int] = {}
    ids, keep, weights = [], [], []
    no_coordinates, no_population = [], []
    for i, row in enumerate(table.rows):
        line = table.lines[i]
        code = _unique_id(_get(row, columns["id"]), seen, line)
        count = None
        if population:
            count = _count(
                _get(row, columns["population"]), line, table.columns[columns["population"]]
            )
        problem = located.problem(i, line)
        if problem is not None:
            raise problem
        if located.missing(i):
            no_coordinates.append(line)
            continue
        if population and count is None:
            no_population.append(line)
            continue
        ids.append(code)
        keep.append(i)
        weights.append(count)
    warnings = _left_out(no_coordinates, no_population)
    index = np.asarray(keep, dtype=int)
    xy = np.column_stack([located.x_rd[index], located.y_rd[index]]) if keep else np.zeros((0, 2))
    return Points(ids, xy, np.asarray(weights, dtype=float) if population else None, warnings)

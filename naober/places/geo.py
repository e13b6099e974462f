"""Coordinates and distances, without Django.

Coordinates are stored in WGS84 (what maps and GPS speak); distances are measured in metres in
RD New (EPSG:28992), the Dutch national grid, where a straight line is a plain Pythagoras.
"""

from functools import lru_cache

from pyproj import Transformer

# The Netherlands, generously: a point outside this box is a typing error, not a place.
NL_LATITUDE = (50.7, 53.7)
NL_LONGITUDE = (3.2, 7.3)


@lru_cache(maxsize=1)
def _to_rd() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


@lru_cache(maxsize=1)
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def to_rd(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS84 latitude and longitude to RD New x and y in metres."""
    x, y = _to_rd().transform(longitude, latitude)
    return round(x, 1), round(y, 1)


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    """RD New x and y to WGS84 latitude and longitude."""
    longitude, latitude = _to_wgs84().transform(x, y)
    return round(latitude, 6), round(longitude, 6)


def in_netherlands(latitude: float, longitude: float) -> bool:
    return (
        NL_LATITUDE[0] <= latitude <= NL_LATITUDE[1]
        and NL_LONGITUDE[0] <= longitude <= NL_LONGITUDE[1]
    )

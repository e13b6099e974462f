"""Coordinates and distances, without Django.

Coordinates are stored in WGS84 (what maps and GPS speak); distances are measured in metres in
RD New (EPSG:28992), the Dutch national grid, where a straight line is a plain Pythagoras.
"""

from functools import lru_cache

import numpy as np
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


# RD New's valid area around the Netherlands, generously (metres).
RD_X = (0.0, 300_000.0)
RD_Y = (289_000.0, 629_000.0)


def to_rd_many(latitudes, longitudes):
    """to_rd for arrays (numpy): x and y arrays, rounded like to_rd. NaN stays NaN."""
    x, y = _to_rd().transform(np.asarray(longitudes, float), np.asarray(latitudes, float))
    return np.round(x, 1), np.round(y, 1)


def to_wgs84_many(xs, ys):
    """to_wgs84 for arrays (numpy): latitude and longitude arrays, rounded like to_wgs84."""
    longitude, latitude = _to_wgs84().transform(np.asarray(xs, float), np.asarray(ys, float))
    return np.round(latitude, 6), np.round(longitude, 6)


def in_rd_bounds(x: float, y: float) -> bool:
    return RD_X[0] <= x <= RD_X[1] and RD_Y[0] <= y <= RD_Y[1]

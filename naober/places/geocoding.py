"""Postcode to location, behind a setting.

The default ("local") uses the CBS postcode-area centroids shipped with naober: it needs no network
and is right to within a village. "pdok" asks the PDOK Locatieserver for a full postcode ("9521 AB",
precise to the street) and falls back to the local table when PDOK cannot be reached or does not
know it, so search never breaks because a service is down.
"""

import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from . import geo, postcodes

logger = logging.getLogger(__name__)

FULL_POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
POINT_RE = re.compile(r"POINT\(([-0-9.]+) ([-0-9.]+)\)")
TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class Location:
    label: str
    x_rd: float
    y_rd: float


def locate_postcode(text: str) -> Location | None:
    """Where a postcode lies, or None when it is not a known Dutch postcode."""
    if settings.NAOBER_GEOCODER == "pdok" and (full := FULL_POSTCODE_RE.match(text)):
        try:
            found = _pdok(full.group(1) + full.group(2).upper())
        except (OSError, ValueError) as error:
            logger.warning("PDOK Locatieserver unavailable, using local postcodes: %s", error)
            found = None
        if found:
            return found
    pc4 = postcodes.parse_postcode(text)
    area = postcodes.lookup(pc4) if pc4 else None
    if area is None:
        return None
    return Location(label=f"{pc4} {area.town}", x_rd=area.x_rd, y_rd=area.y_rd)


def _pdok(postcode: str) -> Location | None:
    query = urllib.parse.urlencode(
        {"q": f"postcode:{postcode}", "fq": "type:postcode", "rows": 1, "fl": "*"}
    )
    data = fetch_json(f"{settings.NAOBER_PDOK_LOCATIESERVER_URL}?{query}")
    docs = data.get("response", {}).get("docs", [])
    if not docs:
        return None
    match = POINT_RE.match(docs[0].get("centroide_ll", ""))
    if not match:
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    x, y = geo.to_rd(latitude, longitude)
    town = docs[0].get("woonplaatsnaam", "")
    return Location(label=f"{postcode[:4]} {postcode[4:]} {town}".strip(), x_rd=x, y_rd=y)


def fetch_json(url: str) -> dict:
    """GET a JSON document; the one place naober talks to an outside service (tests replace it)."""
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))

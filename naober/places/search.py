"""Finding places: by postcode, by village or town, by theme, or by name.

The guide's search form and the API's `places` filters both come here, so a resident and an app
get the same answer. Bad input raises SearchError with a message for the resident.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from . import geocoding, postcodes
from .constants import THEME_KEYWORDS, ThemeCode
from .models import Place, PlaceQuerySet

MAX_QUERY_LENGTH = 100
# Digits typed as a postcode that is not one ("0000", "95210"): say so, not "nothing found".
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
LOOKS_LIKE_POSTCODE = re.compile(r"^\s*[0-9]+\s*(?:[A-Za-z]{2})?\s*$")


class SearchError(ValueError):
    """What is wrong with a search, in words for the person who typed it."""


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from: a postcode area or a town."""

    label: str
    x_rd: float
    y_rd: float


@dataclass
class SearchResult:
    places: PlaceQuerySet
    origin: Origin | None = None
    theme: str = ""
    # The words left over after recognising a postcode, town or theme: matched against names.
    text: str = ""


def theme_for(text: str) -> str | None:
    """The theme a word or phrase names ("energietoeslag" -> money), or None."""
    wanted = postcodes.normalise(text)
    if not wanted:
        return None
    for code in ThemeCode.values:
        names = {postcodes.normalise(str(ThemeCode(code).label)), code}
        names.update(postcodes.normalise(k) for k in THEME_KEYWORDS[code])
        if wanted in names:
            return code
    return None


def origin_for_postcode(text: str) -> Origin:
    pc4 = postcodes.parse_postcode(text)
    if pc4 is None:
        raise SearchError(
            _("“%(text)s” is not a postcode. Type four digits, like 9521, or 9521 AB.")
            % {"text": text}
        )
    found = geocoding.locate_postcode(text)
    if found is None:
        raise SearchError(
            _("We do not know postcode %(pc4)s. Check the digits, or type your village.")
            % {"pc4": pc4}
        )
    return Origin(label=found.label, x_rd=found.x_rd, y_rd=found.y_rd)


def origin_for_town(text: str) -> Origin | None:
    found = postcodes.town_centre(text)
    if found is None:
        return None
    name, x, y = found
    return Origin(label=name, x_rd=x, y_rd=y)


def search_places(q: str = "", postcode: str = "", theme: str = "") -> SearchResult:
    """Public places matching the search, nearest first when a postcode or town is known."""
    q, postcode, theme = (q or "").strip(), (postcode or "").strip(), (theme or "").strip()
    for value in (q, postcode, theme):
        if len(value) > MAX_QUERY_LENGTH:
            raise SearchError(
                _("Your search is too long. Use at most %(max)d characters.")
                % {"max": MAX_QUERY_LENGTH}
            )
    if any(CONTROL_CHARACTER.search(value) for value in (q, postcode, theme)):
        raise SearchError(
            _("Your search contains characters we cannot read. Type letters or digits.")
        )
    if theme and theme not in ThemeCode.values:
        raise SearchError(_("We do not know the theme “%(theme)s”.") % {"theme": theme})

    origin = origin_for_postcode(postcode) if postcode else None
    text = ""
    if q:
        if origin is None and (postcodes.parse_postcode(q) or LOOKS_LIKE_POSTCODE.match(q)):
            origin = origin_for_postcode(q)
        elif origin is None and (town := origin_for_town(q)):
            origin = town
        elif not theme and (named := theme_for(q)):
            theme = named
        else:
            text = q

    places = Place.objects.public().select_related("building", "municipality")
    if theme:
        places = places.with_theme(theme)
    if text:
        places = places.filter(
            Q(name__icontains=text)
            | Q(village__icontains=text)
            | Q(building__town__icontains=text)
            | Q(municipality__name__icontains=text)
        )
    if origin:
        places = places.with_distance_from(origin.x_rd, origin.y_rd)
    else:
        places = places.order_by("municipality__name", "village", "name")
    return SearchResult(places=places, origin=origin, theme=theme, text=text)

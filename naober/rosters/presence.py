"""Who is present, as the guide shows it: from the published roster where there is one.

An opening covered by a published roster shows the organisations of the people confirmed on it
(and "volunteers" when volunteers are there), instead of what the presence rules promise; a
promised organisation whose person dropped out and was not replaced is no longer shown.
"""

from dataclasses import dataclass, field
from datetime import date

from naober.places.models import Organisation


@dataclass
class Present:
    organisations: list[Organisation] = field(default_factory=list)
    volunteers: int = 0


def rostered(place_ids, start: date, end: date) -> dict[str, Present]:
    """Opening key -> who is present, for the published shifts of these places."""
    raise NotImplementedError

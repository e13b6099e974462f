"""Between the database and the solver: a network's openings, needs, people and shares become a
solver.Instance; a solver.Result becomes Shift and Assignment rows.

- Openings come from the places' calendars (schedules.openings.openings_for), open ones only;
  each becomes a Shift keyed by the calendar's opening key.
- Needs: the StaffingNeed of the opening's rule, else the place's default need, else
  NAOBER_ROSTER_DEFAULT_PEOPLE people with the hosting skill. Promised organisations: the
  organisations the presence rules put at that opening.
- People: active Persons of the network with their availability, absences, caps, preferences
  (their home village's places when they chose none).
- Shares: the network's Share rows; distance: RosterPolicy.max_distance_km.
"""

from datetime import date

from naober.places.models import Municipality

from . import solver
from .models import Roster


def instance_for(municipality: Municipality, start: date, end: date) -> solver.Instance:
    """The solver's instance for a network from start to end (both inclusive). Ids in the
    instance are strings: places "p<pk>", people "person-<pk>", organisations "o<pk>",
    openings the calendar's opening key."""
    raise NotImplementedError


def generate(roster: Roster, *, on_progress=None) -> solver.Result:
    """Solve the roster's period and store the outcome on it: shifts, assignments, score,
    solver status, message; status DRAFT (or FAILED with a message a coordinator can read)."""
    raise NotImplementedError


def current_assignments(roster: Roster) -> list[solver.Assignment]:
    """The roster's confirmed assignments in the solver's terms."""
    raise NotImplementedError

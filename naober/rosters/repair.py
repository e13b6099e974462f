"""Mending a roster after a change: someone cancels a shift, or an absence is added.

The solver runs again from the current roster with changes penalised (changed assignments and
people affected), on a window around the affected shifts, widened only when that window cannot
be covered. Nobody is put on a shift that starts within NAOBER_ROSTER_ASK_HOURS without saying
yes: such a shift gets an ASKED assignment (the person is asked, by mail and on "my shifts"), and
stays a gap until they accept. A gap that remains is shown to the coordinator, and the guide's
"who is present" follows the roster as it now is.
"""

from dataclasses import dataclass, field

from .models import Absence, Assignment, Roster


@dataclass
class RepairReport:
    added: list[Assignment] = field(default_factory=list)  # confirmed or asked
    removed: list[Assignment] = field(default_factory=list)
    gaps: list = field(default_factory=list)  # Shifts still short of people

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.removed)


def cancel_assignment(assignment: Assignment, *, actor=None) -> RepairReport:
    """Take someone off a shift (they fell ill, or the coordinator did it) and repair."""
    raise NotImplementedError


def absence_added(absence: Absence, *, actor=None) -> RepairReport:
    """An absence takes its person off every shift in it; the roster is repaired."""
    raise NotImplementedError


def repair(roster: Roster, *, actor=None) -> RepairReport:
    """Fill the roster's gaps with as few changes as possible."""
    raise NotImplementedError

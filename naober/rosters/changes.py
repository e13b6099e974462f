"""Self-service rules: giving a shift away, taking an open shift, swapping, and approving.

Plain functions; views and the API call them. Each refuses with ChangeError (a message for the
person, in their language) when a rule would be broken: the taker lacks a skill the shift still
needs, is absent or unavailable, already works elsewhere at that time, would pass their caps or
the distance between places on one day, or the shift has already started.
Approval follows the network's RosterPolicy: by the coordinator, or at once when the rules hold.
"""

from .models import Person, Shift, ShiftChange


class ChangeError(Exception):
    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def give_away(person: Person, shift: Shift) -> ShiftChange:
    """Offer one's own shift: it stays theirs until someone takes it (and it is approved)."""
    raise NotImplementedError


def take(person: Person, change_or_shift) -> ShiftChange:
    """Take a shift someone gave away (a ShiftChange) or an open shift (a Shift with a gap)."""
    raise NotImplementedError


def propose_swap(person: Person, shift: Shift, other: Person, other_shift: Shift) -> ShiftChange:
    raise NotImplementedError


def answer_swap(person: Person, change: ShiftChange, *, accept: bool) -> ShiftChange:
    raise NotImplementedError


def withdraw(person: Person, change: ShiftChange) -> ShiftChange:
    raise NotImplementedError


def decide(change: ShiftChange, *, approve: bool, by) -> ShiftChange:
    """The coordinator's approval or refusal."""
    raise NotImplementedError


def answer_ask(person: Person, shift: Shift, *, accept: bool):
    """Yes or no to a shift the repair asked this person to take."""
    raise NotImplementedError

"""Telling residents: confirmation, a freed seat, an expired offer, the reminder.

Called by activities/signup.py after its transaction commits; each function enqueues background
tasks (activities/tasks.py) so a slow mail server never holds up a sign-up."""

from .models import SignUp


def signed_up(signups: list[SignUp]) -> None:
    """A new sign-up (one, or one per session of a series): the confirmation by mail (with an
    .ics) or text message, the reminder the day before, and the erasure of its personal data."""


def offered(signups: list[SignUp]) -> None:
    """A seat came free for these people on the waiting list: tell them, with the deadline."""


def confirmed(signups: list[SignUp]) -> None:
    """An offered seat was confirmed: the reminder the day before."""


def expired(signups: list[SignUp]) -> None:
    """An offer was not confirmed in time: tell them the seat went to the next in line."""


def cancelled(signups: list[SignUp]) -> None:
    """The resident (or a host) cancelled: a short confirmation that it is done."""


def session_cancelled(signups: list[SignUp], reason: str) -> None:
    """The session itself was cancelled (a closure, by hand): tell everyone still signed up."""

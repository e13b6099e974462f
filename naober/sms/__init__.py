"""Text messages, through a pluggable backend as Django's e-mail has one.

NAOBER_SMS_BACKEND names the class (dotted path); naober ships a console backend (prints each
message, the default in development), a locmem backend (keeps them in `naober.sms.outbox`, for
tests) and a dummy one (drops them). A provider's backend is a class with
`send_messages(messages) -> int`."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

# The messages the locmem backend "sent", oldest first; a test empties it before it starts.
outbox: list["TextMessage"] = []


@dataclass(frozen=True)
class TextMessage:
    """One text message: the number in international form (+31612345678) and the text."""

    to: str
    text: str


def get_backend(path: str | None = None):
    """An instance of the backend NAOBER_SMS_BACKEND (or `path`) names."""
    return import_string(path or settings.NAOBER_SMS_BACKEND)()


def send_sms(to: str, text: str) -> int:
    """Send one text message; the number sent (0 or 1). A backend's error is raised."""
    if not to or not text:
        return 0
    return get_backend().send_messages([TextMessage(to=to, text=text)])

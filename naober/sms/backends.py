"""Where text messages go. A provider's backend subclasses BaseBackend and sends for real."""

import sys
import threading


class BaseBackend:
    def send_messages(self, messages) -> int:
        """Send the messages; the number sent."""
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints each message on standard output: development and the demo."""

    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_messages(self, messages) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"SMS to {message.to}:\n{message.text}\n{'-' * 40}\n")
            self.stream.flush()
        return len(messages)


class LocmemBackend(BaseBackend):
    """Keeps the messages in `naober.sms.outbox`, for tests."""

    def send_messages(self, messages) -> int:
        from naober import sms

        sms.outbox.extend(messages)
        return len(messages)


class DummyBackend(BaseBackend):
    """Drops every message."""

    def send_messages(self, messages) -> int:
        return len(messages)

"""Helpers for tests of what happens in the background: run the task worker as
`naober db_worker --batch` does, and catch the text messages the locmem backend keeps."""

import logging
import signal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings

from naober import sms


def run_worker() -> None:
    """django_tasks_db's worker: every task that is due, then exit. It installs its own signal
    handlers and log levels; the test run gets its own back.

    Between tasks the worker closes connections whose autocommit differs from the settings, as
    a web request does. Inside a test's transaction that is every connection, and on PostgreSQL
    closing it ends the test; so the worker keeps it here. (tests/activities/test_reminders.py
    also runs the worker against real commits.)"""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                batch=True,
                startup_delay=False,
                reload=False,
                interval=0,
                stdout=StringIO(),
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in loggers.items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
def sms_outbox():
    """Text messages go to `naober.sms.outbox`, empty at the start of the test."""
    sms.outbox.clear()
    with override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.LocmemBackend"):
        yield sms.outbox
    sms.outbox.clear()

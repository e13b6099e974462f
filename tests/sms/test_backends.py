"""Text messages go through the backend NAOBER_SMS_BACKEND names, as Django's mail does: the
console prints them, locmem keeps them in `naober.sms.outbox` for tests, dummy drops them."""

from django.test import override_settings

from naober import sms
from naober.sms.backends import ConsoleBackend, DummyBackend, LocmemBackend


@override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.LocmemBackend")
def test_the_locmem_backend_keeps_each_message_in_the_outbox():
    sms.outbox.clear()

    assert sms.send_sms("+31612345678", "Tot donderdag!") == 1

    assert sms.outbox == [sms.TextMessage(to="+31612345678", text="Tot donderdag!")]
    sms.outbox.clear()


def test_the_console_backend_prints_the_number_and_the_text(capsys):
    with override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.ConsoleBackend"):
        assert sms.send_sms("+31612345678", "Tot donderdag!") == 1

    printed = capsys.readouterr().out
    assert "+31612345678" in printed
    assert "Tot donderdag!" in printed


@override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.DummyBackend")
def test_the_dummy_backend_drops_the_message(capsys):
    sms.outbox.clear()

    assert sms.send_sms("+31612345678", "Tot donderdag!") == 1

    assert sms.outbox == []
    assert capsys.readouterr().out == ""


def test_the_backend_is_the_one_the_setting_names():
    for backend in (ConsoleBackend, LocmemBackend, DummyBackend):
        path = f"{backend.__module__}.{backend.__name__}"
        with override_settings(NAOBER_SMS_BACKEND=path):
            assert isinstance(sms.get_backend(), backend)


@override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.LocmemBackend")
def test_without_a_number_nothing_is_sent():
    sms.outbox.clear()

    assert sms.send_sms("", "Tot donderdag!") == 0

    assert sms.outbox == []

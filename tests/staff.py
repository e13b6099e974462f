"""Helpers for staff tests: make a person with a role, and log a test client in as them."""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from naober.accounts.models import Membership

STAFF_PASSWORD = "Lang-genoeg-wachtwoord-2026"


def make_staff(username, organisation, role, *, places=(), municipality=None):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@naober.example",
        password=STAFF_PASSWORD,
        first_name=username.split("-")[0].title(),
    )
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, municipality=municipality
    )
    membership.places.set(places)
    return user


def totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The six digits the person's authenticator app shows right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def login(client, user, *, verified: bool = True):
    """Log the client in as this person: password and, unless verified=False, second factor."""
    client.force_login(user)
    if verified:
        device = totp_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client

"""A passkey in the database for tests that do not need a working one (the browser test makes
real ones with Chromium's virtual authenticator)."""

import os

from naober.accounts.passkeys import Passkey


def make_passkey(user, name: str = "Laptop"):
    return Passkey.objects.create(
        user=user,
        name=name,
        confirmed=True,
        credential_id=os.urandom(32),
        public_key=os.urandom(77),
        aaguid="00000000-0000-0000-0000-000000000000",
    )

"""The link a resident keeps to see, confirm or cancel a sign-up, without an account.

The link carries the sign-up's key, signed with the site's secret and a timestamp (Django's
signing): a changed character makes it worthless, and it stops working NAOBER_SIGNUP_LINK_DAYS
after it was made. It opens a page; only a button on that page (a POST) changes anything, so a
mail program that opens links to check them cancels nothing."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import SignUp

SALT = "naober.activities.signup-link"


class LinkError(Exception):
    """A link that is forged, damaged, expired or for a sign-up that is gone; says which.
    `gone`: the link itself is sound, but its sign-up no longer exists."""

    def __init__(self, message: str, *, gone: bool = False):
        super().__init__(message)
        self.gone = gone


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(signup: SignUp) -> str:
    # The key's 32 hex digits, a timestamp and a signature: about 70 characters, short enough
    # for a link in one text message.
    return _signer().sign(signup.key.hex)


def signup_from_token(token: str) -> SignUp:
    try:
        key = _signer().unsign(token, max_age=timedelta(days=settings.NAOBER_SIGNUP_LINK_DAYS))
        key = uuid.UUID(hex=key)
    except signing.SignatureExpired:
        raise LinkError(
            _("This link has expired. Call the place if you want to change your sign-up.")
        ) from None
    except (signing.BadSignature, ValueError):
        raise LinkError(
            _("This link is not complete or not right. Copy the whole link from your message.")
        ) from None
    signup = SignUp.objects.select_related("session__activity__place").filter(key=key).first()
    if signup is None:
        raise LinkError(_("We cannot find this sign-up any more."), gone=True)
    return signup


def signup_path(signup: SignUp) -> str:
    """The page of this sign-up, in the language the resident signed up in."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        return reverse("activities:signup", args=[make_token(signup)])


def signup_url(signup: SignUp) -> str:
    """The same page as a whole address, for a mail or a text message."""
    return settings.NAOBER_LINK_BASE + signup_path(signup)

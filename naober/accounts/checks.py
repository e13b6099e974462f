"""Deployment checks (`naober check --deploy`) for what Django's own checklist cannot know."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def passkeys_know_the_site(app_configs, **kwargs):
    """Passkeys are bound to the site's host name; without it they fall back to localhost and
    no browser will use them on the real site."""
    host = urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else None
    if settings.OTP_WEBAUTHN_RP_ID == "localhost" and host != "localhost":
        return [
            Warning(
                "Passkeys are set up for localhost, so they will not work on this site.",
                hint="Set NAOBER_SITE_URL (for example https://naober.example.nl), or "
                "NAOBER_PASSKEY_RP_ID and NAOBER_PASSKEY_ORIGINS.",
                id="naober.W001",
            )
        ]
    return []

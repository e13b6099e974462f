"""django-otp-webauthn's JSON endpoints, with naober's checks (naober.accounts.passkeys). Under
the library's namespace, which its scripts' configuration is built from; outside the language
prefixes, as they answer JSON."""

from django.urls import path

from . import passkeys

app_name = "otp_webauthn"
urlpatterns = [
    path(
        "registration/begin/",
        passkeys.BeginRegistration.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        passkeys.CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        passkeys.BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        passkeys.CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
]

"""Passkeys as a second factor beside the authenticator app (django-otp-webauthn).

The library's four JSON endpoints, narrowed to naober's policy:
- adding a passkey needs a session that has passed the second factor already, and a staff
  member (the library alone would let a password-only session without an app add one, and
  count that as its second factor);
- using a passkey is only ever the second step after the password: passwordless login is off
  (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN), so an anonymous visitor gets nothing from it;
- both are audited: SECOND_FACTOR for a login with a passkey, right or refused, and
  PASSKEY_ADDED for a new one;
- after a login with a passkey the browser goes to `next`, checked as on the code form.
"""

import json

from django.db import transaction
from django.middleware import csrf
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.utils import get_credential_model

from . import access
from .audit import record
from .constants import AuditAction, AuditResult

Passkey = get_credential_model()


def passkeys_of(user):
    """The passkeys this person has added (only their own: the scope for the passkeys page)."""
    return Passkey.objects.filter(user=user, confirmed=True)


def script_configuration(request) -> dict:
    """What the library's script reads from the page (a JSON data block, not a script)."""
    return {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": csrf.get_token(request),
        "beginAuthenticationUrl": reverse("otp_webauthn:credential-authentication-begin"),
        "completeAuthenticationUrl": reverse("otp_webauthn:credential-authentication-complete"),
        "beginRegistrationUrl": reverse("otp_webauthn:credential-registration-begin"),
        "completeRegistrationUrl": reverse("otp_webauthn:credential-registration-complete"),
    }


class StaffOnly:
    """Adding a passkey: only a staff member whose session passed the second factor."""

    def check_can_register(self):
        user = self.request.user
        if not (access.second_factor_done(self.request) and access.is_staff_member(user)):
            raise exceptions.NotVerified()


class BeginRegistration(StaffOnly, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(StaffOnly, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            passkey = passkeys_of(self.request.user).get(pk=json.loads(response.content)["id"])
            if not passkey.name:
                number = passkeys_of(self.request.user).count()
                passkey.name = _("Passkey %(number)s") % {"number": number}
                passkey.save(update_fields=["name"])
            record(AuditAction.PASSKEY_ADDED, request=self.request, obj=passkey)
        return response


class AfterThePassword:
    """Using a passkey: only as the second step, for a person who typed their password."""

    def check_can_authenticate(self):
        if not self.request.user.is_authenticated:
            raise exceptions.PasswordlessLoginDisabled()
        super().check_can_authenticate()


class BeginAuthentication(AfterThePassword, views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(AfterThePassword, views.CompleteCredentialAuthenticationView):
    def get_success_url(self):
        from .views import next_url

        return next_url(self.request)

    def post(self, *args, **kwargs):
        try:
            response = super().post(*args, **kwargs)
        except exceptions.OTPWebAuthnApiError as error:
            record(
                AuditAction.SECOND_FACTOR,
                request=self.request,
                result=AuditResult.REFUSED,
                detail={"step": "verify", "method": "passkey", "reason": error.code},
            )
            raise
        record(
            AuditAction.SECOND_FACTOR,
            request=self.request,
            detail={"step": "verify", "method": "passkey"},
        )
        return response

"""The login forms: password, then a code from the authenticator app; and a name for an API token."""

import math
import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Both inputs point at the one message that says the pair did not match.
LOGIN_ERROR_ID = "login-error"


class LoginForm(AuthenticationForm):
    """User name and password, checked by django.contrib.auth.authenticate, so django-axes counts
    every failure and refuses a locked account before its password is checked."""

    error_messages = {
        "invalid_login": _(
            "The user name or password is not right. Check both and try again. After "
            "%(attempts)s wrong tries in a row the account is locked for %(minutes)s minutes."
        ),
        "inactive": _("This account is switched off. Ask a coordinator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "attempts": settings.AXES_FAILURE_LIMIT,
                "minutes": lockout_minutes(),
            },
        )

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": LOGIN_ERROR_ID}
                )
            raise


def lockout_minutes() -> int:
    return round(settings.AXES_COOLOFF_TIME * 60)


class CodeForm(forms.Form):
    """Six digits from the authenticator app, checked against the person's devices with
    django-otp, whose throttling makes each wrong code wait longer (1, 2, 4, 8 … seconds)."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The six digits your authenticator app shows now."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": "8",
            }
        ),
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self) -> str:
        # The app shows "123 456"; people type it the same way.
        code = "".join(self.cleaned_data["code"].split())
        if not re.fullmatch(r"[0-9]{6}", code):
            raise ValidationError(_("Type the six digits, without letters."), code="format")
        waiting_until = None
        for device in self.devices:
            allowed, why = device.verify_is_allowed()
            if not allowed:
                until = (why or {}).get("locked_until")
                waiting_until = max(filter(None, (waiting_until, until)), default=None)
                continue
            if device.verify_token(code):
                self.device = device
                return code
        if waiting_until is not None:
            seconds = max(1, math.ceil((waiting_until - timezone.now()).total_seconds()))
            raise ValidationError(
                ngettext(
                    "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
                    "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        raise ValidationError(
            _("This code is not right. Type the six digits the app shows now."), code="wrong"
        )

    def refusal(self) -> str:
        """Why the code was refused, for the audit trail: format, throttled or wrong."""
        errors = self.errors.as_data().get("code") or []
        return errors[0].code if errors and errors[0].code else "wrong"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, so you know which one to revoke later."),
    )

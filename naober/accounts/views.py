"""Staff login and the pages around it.

The flow: password (`login`, counted by django-axes) → a code from the authenticator app or a
passkey (`verify`; passkeys: naober.accounts.passkeys), or, the first time, enrolling the app
(`setup`) → the page asked for, or "My work"
(`home`). A session that has passed only the password reaches no staff page: `staff_required`
sends it to `verify`, and the admin asks for the same (naober.accounts.admin). In demo mode
(NAOBER_REQUIRE_SECOND_FACTOR off) the password alone is enough.
"""

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from naober.rosters.access import person_for

from . import access, passkeys
from .audit import record
from .constants import AuditAction, AuditResult
from .decorators import staff_required
from .forms import LOGIN_ERROR_ID, CodeForm, LoginForm, TokenForm, lockout_minutes
from .models import ApiToken

# The secret of an authenticator app being set up, kept in the session until its first code.
SETUP_KEY_SESSION_KEY = "naober_totp_setup_key"


def next_url(request) -> str:
    """Where to go after logging in: `next` if it is a page of this site, else "My work"."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("accounts:home")


def step(name: str, next_page: str) -> str:
    """The URL of a login step, carrying where to go afterwards."""
    return f"{reverse(name)}?{urlencode({'next': next_page})}"


@sensitive_post_parameters("password")
@never_cache
def login(request):
    next_page = next_url(request)
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        user = form.get_user()
        auth.login(request, user)
        if not settings.NAOBER_REQUIRE_SECOND_FACTOR:
            return redirect(next_page)
        if django_otp.user_has_device(user, confirmed=True):
            return redirect(step("accounts:verify", next_page))
        return redirect(step("accounts:setup", next_page))
    # A locked account never gets here with its form: django-axes answers with locked_out().
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_page, "error_id": LOGIN_ERROR_ID},
    )


def locked_out(request, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: the answer to any login attempt on a locked account or from a
    locked address, the right password included.

    django-axes calls this as (request, original_response, credentials), or as (request,
    credentials) in older versions: the credentials are the last argument."""
    credentials = kwargs.get("credentials")
    if credentials is None:
        credentials = next((a for a in reversed(args) if isinstance(a, dict)), None)
    if credentials is None:
        credentials = getattr(request, "axes_credentials", None) or {}
    username = str(credentials.get("username") or request.POST.get("username", ""))[:150]
    account = get_user_model()._default_manager.filter(username=username).first()
    record(
        AuditAction.LOCKED_OUT,
        request=request,
        actor=account,
        username=username,
        result=AuditResult.REFUSED,
    )
    return render(request, "accounts/locked_out.html", {"minutes": lockout_minutes()}, status=403)


@never_cache
def verify(request):
    """The second step: a code from the app the person enrolled."""
    next_page = next_url(request)
    user = request.user
    if not user.is_authenticated:
        return redirect(step("accounts:login", next_page))
    if access.second_factor_done(request):
        return redirect(next_page)
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    # A passkey (naober.accounts.passkeys) is the other way through this step; the library's
    # script does the checking and sends the browser on to `next`.
    has_passkey = passkeys.passkeys_of(user).exists()
    if not has_passkey and not devices.exists():
        return redirect(step("accounts:setup", next_page))
    if request.method == "POST":
        # One check at a time per device, so throttling counts every wrong code.
        with transaction.atomic():
            form = CodeForm(devices.select_for_update(), request.POST)
            passed = form.is_valid()
        if passed:
            django_otp.login(request, form.device)
            record(AuditAction.SECOND_FACTOR, request=request, detail={"step": "verify"})
            return redirect(next_page)
        record(
            AuditAction.SECOND_FACTOR,
            request=request,
            result=AuditResult.REFUSED,
            detail={"step": "verify", "reason": form.refusal()},
        )
    else:
        form = CodeForm(devices)
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": next_page,
            "has_app": devices.exists(),
            "passkey_configuration": has_passkey and passkeys.script_configuration(request),
        },
    )


@never_cache
def setup(request):
    """The first login: enrol an authenticator app. Only for a person who has none yet; another
    app (a new phone) is enrolled after a superuser removes the old one in the admin."""
    next_page = next_url(request)
    user = request.user
    if not user.is_authenticated:
        return redirect(step("accounts:login", next_page))
    if django_otp.user_has_device(user, confirmed=True):
        return redirect(step("accounts:verify", next_page))
    # The secret lives in the session until its first good code, so looking at the page
    # writes nothing; the device is saved (unconfirmed) with the first code typed.
    key = request.session.get(SETUP_KEY_SESSION_KEY)
    if not key:
        key = request.session[SETUP_KEY_SESSION_KEY] = default_key()
    device = TOTPDevice.objects.filter(user=user, confirmed=False, key=key).first()
    if device is None:
        device = TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=False)
    if request.method == "POST":
        with transaction.atomic():
            form = CodeForm([device], request.POST)
            passed = form.is_valid()
            if passed:
                device.confirmed = True
                device.save()
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        if passed:
            del request.session[SETUP_KEY_SESSION_KEY]
            django_otp.login(request, device)
            record(AuditAction.SECOND_FACTOR, request=request, detail={"step": "setup"})
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(next_page)
        record(
            AuditAction.SECOND_FACTOR,
            request=request,
            result=AuditResult.REFUSED,
            detail={"step": "setup", "reason": form.refusal()},
        )
    else:
        form = CodeForm([device])
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "next": next_page,
            "qr_code": qr_svg(device.config_url),
            "secret_groups": secret_groups(key),
        },
    )


def qr_svg(uri: str) -> str:
    """The otpauth:// address as an inline SVG QR code: drawn here, no script, no image host."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None, title=None
    )
    label = escape(_("QR code to scan with your authenticator app"))
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def secret_groups(hex_key: str) -> list[str]:
    """The secret in base32, in groups of four, for typing into the app by hand."""
    secret = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


@require_POST
def logout(request):
    # signals.on_logout ends every session this person has, on every device.
    auth.logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("accounts:login")


@staff_required
def home(request):
    """My work: a way in for each role this person holds."""
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {
            "desk_places": access.desk_places(user).order_by("name"),
            "partner_organisations": access.partner_organisations(user).order_by("name"),
            "network": access.network(user).order_by("name"),
            "planning": access.planning_network(user).order_by("name"),
            "roster_person": person_for(user),
        },
    )


@staff_required
def tokens(request):
    """This person's API tokens. A new token is shown on this answer only; after that only its
    first characters, as only a hash of it is kept."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = token = None
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            created, token = ApiToken.issue(request.user, form.cleaned_data["name"])
            record(AuditAction.TOKEN_CREATED, request=request, obj=created)
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "created": created,
            "token": token,
            "tokens": ApiToken.objects.filter(user=request.user),
        },
    )


@staff_required
@require_POST
def revoke_token(request, pk: int):
    # Only one's own tokens: another person's token id is simply not found.
    row = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if row.revoked_at is None:
        with transaction.atomic():
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
            record(AuditAction.TOKEN_REVOKED, request=request, obj=row)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer opens the API.") % {"name": row.name},
        )
    return redirect("accounts:tokens")


@staff_required
def passkeys_page(request):
    """This person's passkeys, and a button to add one (the library's script, so JavaScript
    is needed here; the authenticator app keeps working without)."""
    return render(
        request,
        "accounts/passkeys.html",
        {
            "passkeys": passkeys.passkeys_of(request.user).order_by("created_at"),
            "passkey_configuration": passkeys.script_configuration(request),
        },
    )


@staff_required
@require_POST
def remove_passkey(request, pk: int):
    # Only one's own passkeys: another person's passkey id is simply not found.
    passkey = get_object_or_404(passkeys.passkeys_of(request.user), pk=pk)
    with transaction.atomic():
        record(AuditAction.PASSKEY_REMOVED, request=request, obj=passkey)
        passkey.delete()
    messages.success(request, _("The passkey “%(name)s” is removed.") % {"name": passkey.name})
    return redirect("accounts:passkeys")

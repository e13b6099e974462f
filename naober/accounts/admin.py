"""Accounts in the admin (/beheer/): a person with their memberships, API tokens (revoke only),
and the audit trail (read only).

The admin asks for the same login as every staff page: password *and* second factor. Its own
login page sends people to ours."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp_webauthn.admin import WebAuthnCredentialAdmin

from .access import second_factor_done
from .audit import record
from .constants import AuditAction
from .models import ApiToken, AuditEvent, Membership
from .passkeys import Passkey


def admin_has_permission(request) -> bool:
    """Django's rule (an active account marked as staff) plus the second factor."""
    return admin.AdminSite.has_permission(admin.site, request) and second_factor_done(request)


def admin_login(request, extra_context=None):
    """The admin's login page: ours, or the second-factor step for a password-only session."""
    next_page = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_page = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_page})}")
    if not second_factor_done(request):
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': next_page})}")
    if admin_has_permission(request):
        return redirect(next_page)
    # Fully logged in, but not someone who manages naober.
    raise PermissionDenied


admin.site.has_permission = admin_has_permission
admin.site.login = admin_login


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation", "municipality", "places")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user page, with the person's roles for organisations beneath it. Unticking
    "active" logs the person out everywhere (naober.accounts.signals)."""

    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owner on the tokens page, shown once; here they can only be
    revoked, for instance when a laptop is lost."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Revoked, not deleted: the audit trail keeps pointing at it.
        return False

    def has_revoke_permission(self, request) -> bool:
        return request.user.has_perm("accounts.change_apitoken")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        revoked = 0
        with transaction.atomic():
            for row in queryset.filter(revoked_at__isnull=True):
                row.revoked_at = timezone.now()
                row.save(update_fields=["revoked_at"])
                record(AuditAction.TOKEN_REVOKED, request=request, obj=row)
                revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, to read: nobody adds, changes or deletes a line, here or anywhere."""

    list_display = (
        "at",
        "actor",
        "organisation",
        "action",
        "object_type",
        "object_id",
        "result",
        "channel",
        "origin",
    )
    list_filter = ("action", "result", "channel")
    search_fields = ("actor", "object_id")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Passkeys: the library's page for them, so a superuser can remove a lost one (with the app:
# a person with a passkey but no app cannot set up a new app, see accounts.views.setup).
admin.site.register(Passkey, WebAuthnCredentialAdmin)

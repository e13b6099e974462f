"""Logins, failed logins and logouts go into the audit trail; logout and deactivation end every
session the person has, on every device."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .audit import record
from .constants import AuditAction, AuditResult
from .models import StaffSession
from .sessions import end_all_sessions


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        StaffSession.objects.get_or_create(
            session_key=request.session.session_key, defaults={"user": user}
        )
    record(AuditAction.LOGIN, request=request, actor=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only the user name someone typed: never the password.
    record(
        AuditAction.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
        result=AuditResult.REFUSED,
    )


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    record(AuditAction.LOGOUT, request=request, actor=user)
    end_all_sessions(user)


@receiver(post_save, sender=get_user_model())
def on_user_saved(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        if end_all_sessions(instance):
            record(AuditAction.SESSIONS_ENDED, actor=instance, detail={"reason": "deactivated"})

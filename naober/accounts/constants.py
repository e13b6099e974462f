from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does for an organisation. One person may hold several memberships."""

    COORDINATOR = "coordinator", _("Coordinator")
    HOST = "host", _("Host")
    PARTNER = "partner", _("Partner professional")
    POLICY = "policy", _("Policy maker")


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Locked out")
    SECOND_FACTOR = "second_factor", _("Second factor")
    LOGOUT = "logout", _("Logged out")
    SESSIONS_ENDED = "sessions_ended", _("Sessions ended")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    PASSKEY_ADDED = "passkey_added", _("Passkey added")
    PASSKEY_REMOVED = "passkey_removed", _("Passkey removed")
    VISIT_COUNTED = "visit_counted", _("Visit counted")
    VISIT_CHANGED = "visit_changed", _("Visit changed")
    REFERRAL_CREATED = "referral_created", _("Referral created")
    REFERRAL_VIEWED = "referral_viewed", _("Referral's personal data viewed")
    REFERRAL_STATUS = "referral_status", _("Referral status changed")
    RIGHTS_SEARCH = "rights_search", _("Resident looked up")
    EXPORT = "export", _("Resident's data exported")
    ERASURE = "erasure", _("Resident's data erased")
    RETENTION = "retention", _("Personal data deleted after the retention period")
    SIGNUPS_VIEWED = "signups_viewed", _("Attendance list viewed")
    ATTENDANCE_MARKED = "attendance_marked", _("Attendance marked")
    SIGNUP_CHANGED = "signup_changed", _("Sign-up changed at the desk")


class AuditResult(models.TextChoices):
    OK = "ok", _("Done")
    REFUSED = "refused", _("Refused")
    FAILED = "failed", _("Failed")


class Channel(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    TASK = "task", _("Background task")
    COMMAND = "command", _("Command")

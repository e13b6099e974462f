"""The audit trail: `record(...)` writes one line for every login, failed login, view of personal
data, change, export and erasure. Never pass resident text in `detail`: codes and ids only."""

import hashlib
import hmac
import logging

from django.conf import settings

from .constants import AuditAction, AuditResult, Channel
from .models import AuditEvent

logger = logging.getLogger(__name__)


def pseudonym(value: str) -> str:
    """A keyed hash of a resident's contact detail: the same detail always gives the same
    pseudonym, so requests about one resident can be found, but it cannot be read back."""
    key = hashlib.sha256(("naober-audit-pseudonym:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def client_address(request) -> str:
    """The client's address. Behind NAOBER_PROXY_COUNT trusted proxies, the entry those proxies
    added to X-Forwarded-For (counted from the right: the client can write anything to the left
    of it); without proxies, the connection's own address."""
    if request is None:
        return ""
    hops = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops][:100]
    return request.META.get("REMOTE_ADDR", "")[:100]


def record(
    action: AuditAction,
    *,
    request=None,
    actor=None,
    obj=None,
    result: AuditResult = AuditResult.OK,
    channel: Channel | None = None,
    subject: str = "",
    detail: dict | None = None,
    username: str = "",
) -> AuditEvent:
    """Write one audit line. The actor defaults to the request's user; the channel to API for
    /api/ requests, else web (or command when there is no request)."""
    from .access import primary_organisation

    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if getattr(user, "is_authenticated", False) else None
    if channel is None:
        if request is None:
            channel = Channel.COMMAND
        elif request.path.startswith("/api/"):
            channel = Channel.API
        else:
            channel = Channel.WEB
    organisation = primary_organisation(actor) if actor is not None else None
    return AuditEvent.objects.create(
        actor_id=actor.pk if actor is not None else None,
        actor=(actor.get_username() if actor is not None else username)[:150],
        organisation=organisation.name if organisation else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        result=result,
        channel=channel,
        origin=client_address(request),
        subject=subject,
        detail=detail or {},
    )

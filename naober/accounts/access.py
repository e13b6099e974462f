"""Who may see what: the scopes every staff page, API operation and export starts from.

Each function answers with a queryset, so views filter in the database and a wrong id is simply
not found (404). Objects are checked again where they are used (Referral.can_be_seen_by).

- A partner professional sees the referrals sent to their own organisation, in full.
- Whoever referred (their organisation) sees only the status of what it sent.
- A host sees the desks of their own places.
- A coordinator sees the figures of their municipality's network, never referral content, and
  answers residents' requests to see or erase their data.
- A policy maker sees the planning pages (population, coverage, sites, survey results) of their
  municipality, nothing about individual residents.
- A superuser manages accounts and places in the admin; holding the key gives no right to read.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet

from naober.places.models import Municipality, Organisation, Place

from .constants import Role
from .models import Membership


def second_factor_done(request) -> bool:
    """A password alone is not enough: the session must also have passed the second factor,
    unless this is the demo."""
    if not settings.NAOBER_REQUIRE_SECOND_FACTOR:
        return True
    return bool(getattr(request.user, "is_verified", lambda: False)())


def is_staff_member(user) -> bool:
    """Anyone with a membership, a volunteer or staff member on a roster, or a superuser."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        user.is_superuser
        or Membership.objects.of(user).exists()
        or apps.get_model("rosters", "Person").objects.filter(user=user, is_active=True).exists()
    )


def organisations(user, role: Role | None = None) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=Membership.objects.of(user, role).values("organisation")
    )


def partner_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose referral inbox this person reads."""
    return organisations(user, Role.PARTNER)


def desk_places(user) -> QuerySet[Place]:
    """The places whose desk this person keeps (as a host)."""
    return Place.objects.filter(
        pk__in=Membership.objects.of(user, Role.HOST).values("places")
    ).select_related("municipality", "building")


def network(user) -> QuerySet[Municipality]:
    """The municipalities whose network this person coordinates."""
    return Municipality.objects.filter(
        pk__in=Membership.objects.of(user, Role.COORDINATOR).values("municipality")
    )


def planning_network(user) -> QuerySet[Municipality]:
    """The municipalities whose network planning this person sees: their coordinators and
    policy makers. Planning figures are about areas and places, never about residents."""
    return Municipality.objects.filter(
        pk__in=Membership.objects.of(user)
        .filter(role__in=[Role.COORDINATOR, Role.POLICY])
        .values("municipality")
    )


def roles(user) -> set[str]:
    return set(Membership.objects.of(user).values_list("role", flat=True))


def primary_organisation(user) -> Organisation | None:
    """The organisation named beside this person in the audit trail."""
    membership = Membership.objects.of(user).select_related("organisation").first()
    return membership.organisation if membership else None

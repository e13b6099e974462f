"""Publishing a roster: staff see their shifts and the guide shows who is present.

A network has one published roster for any day: publishing a draft puts every published roster
of the network that overlaps it back to draft (kept, and publishable again)."""

from django.db import transaction
from django.utils import timezone

from .constants import RosterStatus
from .models import Roster


class NotADraft(Exception):
    """Only a draft can be published."""


def overlapping_published(roster: Roster):
    return Roster.objects.filter(
        municipality=roster.municipality,
        status=RosterStatus.PUBLISHED,
        start_date__lte=roster.end_date,
        end_date__gte=roster.start_date,
    ).exclude(pk=roster.pk)


def publish(roster: Roster) -> list[Roster]:
    """Publish a draft; returns the rosters it replaced. Raises NotADraft otherwise."""
    with transaction.atomic():
        current = Roster.objects.select_for_update().get(pk=roster.pk)
        if current.status != RosterStatus.DRAFT:
            raise NotADraft(current.status)
        replaced = list(overlapping_published(current).select_for_update())
        for old in replaced:
            old.status = RosterStatus.DRAFT
            old.published_at = None
            old.save(update_fields=["status", "published_at"])
        current.status = RosterStatus.PUBLISHED
        current.published_at = timezone.now()
        current.save(update_fields=["status", "published_at"])
    roster.status, roster.published_at = current.status, current.published_at
    return replaced

"""Counting visits at the desk: one touch counts a visit, a second gives it a theme, undo takes
it back. Every touch carries a key, so the same touch arriving twice (a double tap, a retry on a
slow connection) counts once. Each change writes one audit line, with codes only."""

import uuid
from collections import Counter
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction
from naober.places.models import Place, Theme

from .models import Visit


def count_visit(
    place: Place, day: date, *, key: uuid.UUID, by, theme: Theme | None = None, request=None
) -> tuple[Visit, bool]:
    """Count one visit; (visit, created). A key seen before returns that visit unchanged, even
    when it was counted at another place or day: the caller checks that."""
    existing = Visit.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            visit = Visit.objects.create(place=place, day=day, key=key, counted_by=by, theme=theme)
            record(
                AuditAction.VISIT_COUNTED,
                request=request,
                actor=by,
                obj=visit,
                detail={
                    "place": place.pk,
                    "day": day.isoformat(),
                    "theme": theme.code if theme else "",
                },
            )
            return visit, True
    except IntegrityError:
        # The same touch on two connections at once: the first one counted it.
        return Visit.objects.get(key=key), False


def set_theme(visit: Visit, theme: Theme | None, *, by, request=None) -> Visit:
    """Give the visit its theme (or take it away); sending the same theme twice changes
    nothing and writes nothing."""
    if visit.theme_id == (theme.pk if theme else None):
        return visit
    with transaction.atomic():
        Visit.objects.filter(pk=visit.pk).update(theme=theme)
        visit.theme = theme
        record(
            AuditAction.VISIT_CHANGED,
            request=request,
            actor=by,
            obj=visit,
            detail={"theme": theme.code if theme else ""},
        )
    return visit


def undo(visit: Visit, *, by, request=None) -> Visit:
    """Take a visit back. Undoing twice is the same as once."""
    if visit.undone_at is not None:
        return visit
    with transaction.atomic():
        visit.undone_at = timezone.now()
        if Visit.objects.filter(pk=visit.pk, undone_at__isnull=True).update(
            undone_at=visit.undone_at
        ):
            record(
                AuditAction.VISIT_CHANGED,
                request=request,
                actor=by,
                obj=visit,
                detail={"undone": True},
            )
    return visit


def day_counts(place: Place, day: date) -> tuple[int, Counter]:
    """The day's total and the count per theme code ("" for visits without a theme)."""
    themes = Counter(
        Visit.objects.counted().filter(place=place, day=day).values_list("theme__code", flat=True)
    )
    counts = Counter({code or "": n for code, n in themes.items()})
    return sum(counts.values()), counts

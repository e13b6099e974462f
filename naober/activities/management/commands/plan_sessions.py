"""`naober plan_sessions`: plan every activity's sessions up to the horizon and pass offers from
the waiting list that nobody confirmed in time on to the next in line. For a daily cron job."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.activities import sessions, signup
from naober.activities.constants import SignUpStatus
from naober.activities.models import SignUp


class Command(BaseCommand):
    # A plain string: argparse cannot print a lazy translation (`--help` would crash).
    help = (
        "Plan the sessions of every activity NAOBER_SESSION_HORIZON_DAYS ahead, and pass seats "
        "offered from the waiting list and not confirmed in time on to the next in line."
    )

    def handle(self, *args, **options):
        plan = sessions.plan_every_activity()
        # Counted before, as expire_offers answers with the people offered a seat next.
        late = SignUp.objects.filter(
            status=SignUpStatus.OFFERED, offered_until__lte=timezone.now()
        ).count()
        offered = signup.expire_offers()
        self.stdout.write(
            _(
                "Sessions added: %(created)d, cancelled: %(cancelled)d, back on: %(restored)d, "
                "removed: %(deleted)d. Offers expired: %(expired)d, new offers to the waiting "
                "list: %(offered)d."
            )
            % {
                "created": len(plan.created),
                "cancelled": len(plan.cancelled),
                "restored": len(plan.restored),
                "deleted": plan.deleted,
                "expired": late,
                "offered": len(offered),
            }
        )

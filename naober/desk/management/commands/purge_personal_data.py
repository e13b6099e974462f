"""`naober purge_personal_data`: erase the personal data of every referral past its retention
period. For a daily cron job, beside the background task that closing a referral schedules."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from naober.desk import retention


class Command(BaseCommand):
    help = _(
        "Erase the question and contact details of referrals closed or declined longer ago "
        "than NAOBER_REFERRAL_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only say how many referrals would be erased; change nothing."),
        )

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            count = retention.due().count()
            message = ngettext(
                "%(count)d referral would be erased.",
                "%(count)d referrals would be erased.",
                count,
            )
        else:
            count = retention.purge_due()
            message = ngettext("%(count)d referral erased.", "%(count)d referrals erased.", count)
        self.stdout.write(message % {"count": count})

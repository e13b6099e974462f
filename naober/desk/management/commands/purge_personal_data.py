"""`naober purge_personal_data`: erase the personal data that is past its retention period: of
referrals (NAOBER_REFERRAL_RETENTION_DAYS after closing) and of sign-ups for activities
(NAOBER_SIGNUP_RETENTION_DAYS after their session), and roster absences
(NAOBER_ABSENCE_RETENTION_DAYS after they ended). For a daily cron job, beside the background
tasks that closing a referral and signing up schedule."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from naober.activities import retention as signup_retention
from naober.desk import retention
from naober.rosters import retention as absence_retention


class Command(BaseCommand):
    # Plain English: argparse cannot print a lazy translation.
    help = (
        "Erase the question and contact details of referrals closed or declined longer ago "
        "than NAOBER_REFERRAL_RETENTION_DAYS, and the names and contact details of sign-ups "
        "whose session ended longer ago than NAOBER_SIGNUP_RETENTION_DAYS, and roster "
        "absences that ended longer ago than NAOBER_ABSENCE_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many would be erased; change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            count = retention.due().count()
            message = ngettext(
                "%(count)d referral would be erased.",
                "%(count)d referrals would be erased.",
                count,
            )
            signups = signup_retention.due().count()
            signup_message = ngettext(
                "%(count)d sign-up would be erased.",
                "%(count)d sign-ups would be erased.",
                signups,
            )
            absences = absence_retention.due().count()
            absence_message = ngettext(
                "%(count)d absence would be deleted.",
                "%(count)d absences would be deleted.",
                absences,
            )
        else:
            count = retention.purge_due()
            message = ngettext("%(count)d referral erased.", "%(count)d referrals erased.", count)
            signups = signup_retention.purge_due()
            signup_message = ngettext(
                "%(count)d sign-up erased.", "%(count)d sign-ups erased.", signups
            )
            absences = absence_retention.purge_due()
            absence_message = ngettext(
                "%(count)d absence deleted.", "%(count)d absences deleted.", absences
            )
        self.stdout.write(message % {"count": count})
        self.stdout.write(signup_message % {"count": signups})
        self.stdout.write(absence_message % {"count": absences})

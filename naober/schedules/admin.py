"""The rows of a place's calendar, edited as inlines on the place's admin page.

naober.places.admin asks for PLACE_INLINES; the rows make no sense without their place, so they
have no admin pages of their own.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import RecurringRuleForm
from .models import Closure, ExtraOpening, OpeningRule, PresenceRule

RULE_FIELDSETS = (
    (
        None,
        {
            "fields": (
                ("frequency", "interval", "week_of_month"),
                "weekdays",
                ("start_time", "end_time"),
                ("valid_from", "valid_until"),
                "note",
            )
        },
    ),
    (_("Source"), {"fields": (("source", "invented"),), "classes": ("collapse",)}),
)


class OpeningRuleInline(admin.StackedInline):
    model = OpeningRule
    form = RecurringRuleForm
    fieldsets = RULE_FIELDSETS

    def get_extra(self, request, obj=None, **kwargs):
        # A new place gets one empty row for its hours, ready without JavaScript.
        return 1 if obj is None else 0


class PresenceRuleInline(admin.StackedInline):
    model = PresenceRule
    form = RecurringRuleForm
    fieldsets = (
        (None, {"fields": (("organisation", "theme"),)}),
        *RULE_FIELDSETS,
    )
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    fields = ("start_date", "end_date", "reason")
    # A one-off cancellation is the most common edit: leave an empty row ready for it.
    extra = 1


class ExtraOpeningInline(admin.TabularInline):
    model = ExtraOpening
    fields = ("date", "start_time", "end_time", "reason")
    extra = 1


PLACE_INLINES = [OpeningRuleInline, PresenceRuleInline, ClosureInline, ExtraOpeningInline]

"""Rules in words residents read: "every Thursday", "the last Thursday of the month"."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from naober.places.constants import Weekday

from .models import Frequency, WeekOfMonth


def weekday_names(weekdays: list[int]) -> str:
    names = [str(Weekday(d).label).lower() for d in sorted(weekdays)]
    if sorted(weekdays) == [0, 1, 2, 3, 4]:
        return _("Monday to Friday").lower()
    if len(names) == 1:
        return names[0]
    return format_lazy("{} {} {}", ", ".join(names[:-1]), _("and"), names[-1])


def describe_rule(rule) -> str:
    days = weekday_names(rule.weekdays)
    if rule.frequency == Frequency.MONTHLY:
        week = str(WeekOfMonth(rule.week_of_month).label)
        if rule.interval == 1:
            return _("the %(week)s %(days)s of the month") % {"week": week, "days": days}
        return ngettext(
            "the %(week)s %(days)s of every %(n)d month",
            "the %(week)s %(days)s of every %(n)d months",
            rule.interval,
        ) % {"week": week, "days": days, "n": rule.interval}
    if rule.interval == 1:
        return _("every %(days)s") % {"days": days}
    return ngettext("%(days)s, every %(n)d week", "%(days)s, every %(n)d weeks", rule.interval) % {
        "days": days,
        "n": rule.interval,
    }

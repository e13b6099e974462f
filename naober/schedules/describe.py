"""Rules in words residents read: "every Thursday", "the last Thursday of the month"."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from naober.places.constants import Weekday

from .models import Frequency, WeekOfMonth

WORKING_WEEK = [0, 1, 2, 3, 4]
WHOLE_WEEK = [0, 1, 2, 3, 4, 5, 6]


def weekday_names(weekdays: list[int]) -> str:
    """ "Monday", "Tuesday and Thursday", "Monday to Friday", in the active language.

    The names keep the case of the language: Monday in English, maandag in Dutch."""
    days = sorted(set(weekdays))
    if days == WORKING_WEEK:
        return _("Monday to Friday")
    names = [str(Weekday(d).label) for d in days]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def describe_rule(rule) -> str:
    """A rule (a model with a rule, or a recurrence.Rule) in words, without its hours."""
    days = weekday_names(rule.weekdays)
    if rule.frequency == Frequency.MONTHLY:
        week = str(WeekOfMonth(rule.week_of_month).label)
        if rule.interval == 1:
            return _("the %(week)s %(days)s of the month") % {"week": week, "days": days}
        if rule.interval == 2:
            return _("the %(week)s %(days)s of every other month") % {"week": week, "days": days}
        return ngettext(
            "the %(week)s %(days)s of every %(n)d month",
            "the %(week)s %(days)s of every %(n)d months",
            rule.interval,
        ) % {"week": week, "days": days, "n": rule.interval}
    if sorted(set(rule.weekdays)) == WHOLE_WEEK:
        if rule.interval == 1:
            return _("every day")
        days = _("all week")
    if rule.interval == 1:
        return _("every %(days)s") % {"days": days}
    if rule.interval == 2:
        return _("%(days)s, every other week") % {"days": days}
    return ngettext("%(days)s, every %(n)d week", "%(days)s, every %(n)d weeks", rule.interval) % {
        "days": days,
        "n": rule.interval,
    }

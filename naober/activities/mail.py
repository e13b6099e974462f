"""The messages a resident gets about a sign-up: a plain-text mail (with an .ics file for the
seats they hold) and a short text message, in the language they signed up in.

Built when a background task sends them (activities/tasks.py), from what the database says at
that moment: a message never tells an old state, and the task queue holds only ids, no names or
addresses. Which of the two goes out (mail, text message, or both) is the task's choice.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, Timezone

from naober.schedules.recurrence import AMSTERDAM

from .constants import SignUpStatus
from .links import signup_url
from .models import Session, SignUp


@dataclass(frozen=True)
class Letter:
    """One message for one resident: the mail's subject and body, the text message, and the
    calendar file (None when they hold no seat)."""

    email: str
    phone: str
    subject: str
    body: str
    text: str
    calendar: bytes | None = None
    calendar_name: str = "activity.ics"
    reply_to: str = ""

    def email_message(self) -> EmailMessage:
        message = EmailMessage(
            subject=self.subject,
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.email],
            reply_to=[self.reply_to] if self.reply_to else None,
        )
        if self.calendar:
            part = MIMEText(self.calendar.decode(), "calendar", "utf-8")
            # method=PUBLISH: a calendar app offers to add the events, not to answer an invitation.
            part.set_param("method", "PUBLISH")
            part.add_header("Content-Disposition", "attachment", filename=self.calendar_name)
            message.attach(part)
        return message


def confirmation(signups: list[SignUp]) -> Letter:
    """The confirmation of a sign-up, or of a series (one letter listing all its sessions)."""
    first = signups[0]
    with translation.override(first.language or settings.LANGUAGE_CODE):
        items = [_item(signup) for signup in signups]
        title = first.session.activity.title
        if len(signups) > 1:
            subject = _("Signed up: %(title)s, %(count)s times") % {
                "title": title,
                "count": len(signups),
            }
            opening = ngettext(
                "You signed up for %(count)s session of %(title)s.",
                "You signed up for %(count)s sessions of %(title)s.",
                len(signups),
            ) % {"count": len(signups), "title": title}
        else:
            subject = _confirmation_subject(first)
            opening = _confirmation_opening(first)
        seats = [s for s in signups if s.status == SignUpStatus.CONFIRMED]
        context = _context(first) | {
            "opening": opening,
            "items": items,
            "single": items[0] if len(items) == 1 else None,
            "calendar": bool(seats),
        }
        body = _render("confirmation", context)
        text = _confirmation_text(signups)
        ics = calendar_file(seats)
    return _letter(first, subject, body, text, calendar=ics)


def reminder(signup: SignUp) -> Letter:
    """The day before: where and when, and how to cancel after all."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _context(signup)
        subject = _("Reminder: %(title)s, %(day)s") % {
            "title": context["title"],
            "day": day(signup.session.start),
        }
        body = _render("reminder", context)
        text = _(
            "Reminder: %(title)s, %(day)s at %(time)s, %(place)s. Cannot come? Cancel: %(link)s"
        ) % {
            "title": context["title"],
            "day": day(signup.session.start),
            "time": clock(signup.session.start),
            "place": context["place"],
            "link": context["link"],
        }
    return _letter(signup, subject, body, text)


def offer(signup: SignUp) -> Letter:
    """A seat came free: confirm before the deadline."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _context(signup)
        context["deadline"] = moment(signup.offered_until)
        subject = _("A seat came free: %(title)s, %(day)s") % {
            "title": context["title"],
            "day": day(signup.session.start),
        }
        body = _render("offered", context)
        text = _(
            "A seat came free: %(title)s, %(day)s at %(time)s. Confirm before %(deadline)s: "
            "%(link)s"
        ) % {
            "title": context["title"],
            "day": day(signup.session.start),
            "time": clock(signup.session.start),
            "deadline": moment(signup.offered_until),
            "link": context["link"],
        }
    return _letter(signup, subject, body, text)


def expiry(signup: SignUp) -> Letter:
    """The offer was not confirmed in time: the seat went to the next in line."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _context(signup)
        context["session_link"] = _absolute(signup.session.get_absolute_url())
        subject = _("Seat not confirmed: %(title)s, %(day)s") % {
            "title": context["title"],
            "day": day(signup.session.start),
        }
        body = _render("expired", context)
        text = _(
            "You did not confirm your seat for %(title)s, %(day)s, in time. The seat went to "
            "the next person in line."
        ) % {"title": context["title"], "day": day(signup.session.start)}
    return _letter(signup, subject, body, text)


def cancellation(signups: list[SignUp]) -> Letter:
    """The sign-up (or the rest of a series) is cancelled: a short receipt."""
    first = signups[0]
    with translation.override(first.language or settings.LANGUAGE_CODE):
        context = _context(first) | {"items": [_item(signup) for signup in signups]}
        subject = _("Cancelled: %(title)s") % {"title": context["title"]}
        body = _render("cancelled", context)
        text = _("Your sign-up for %(title)s is cancelled: %(days)s.") % {
            "title": context["title"],
            "days": ", ".join(short_day(s.session.start) for s in signups),
        }
    return _letter(first, subject, body, text)


def session_cancellation(signup: SignUp) -> Letter:
    """The session does not go ahead, with the reason."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _context(signup) | {"reason": signup.session.cancel_reason}
        subject = _("Does not go ahead: %(title)s, %(day)s") % {
            "title": context["title"],
            "day": day(signup.session.start),
        }
        body = _render("session_cancelled", context)
        text = _("%(title)s on %(day)s does not go ahead: %(reason)s. Sorry!") % {
            "title": context["title"],
            "day": day(signup.session.start),
            "reason": context["reason"],
        }
    return _letter(signup, subject, body, text)


def session_restoration(signup: SignUp) -> Letter:
    """A session that was cancelled goes ahead after all; the sign-up still stands."""
    with translation.override(signup.language or settings.LANGUAGE_CODE):
        context = _context(signup)
        values = {"title": context["title"], "day": day(signup.session.start)}
        subject = _("Goes ahead after all: %(title)s, %(day)s") % values
        body = _render("session_restored", context)
        text = _("Good news: %(title)s on %(day)s goes ahead after all. Your sign-up: %(link)s") % (
            values | {"link": context["link"]}
        )
    return _letter(signup, subject, body, text)


def calendar_file(signups: list[SignUp]) -> bytes | None:
    """An iCalendar file with one event per sign-up; None for none. The event's UID is the
    sign-up's key, so importing a later file updates the event instead of adding a second."""
    if not signups:
        return None
    starts = [timezone.localtime(s.session.start, AMSTERDAM).date() for s in signups]
    stamp = timezone.now().astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//naober//activities//" + (translation.get_language() or "nl").upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(
        Timezone.from_tzid(
            AMSTERDAM.key,
            first_date=min(starts) - timedelta(days=366),
            last_date=max(starts) + timedelta(days=366),
        )
    )
    for signup in signups:
        session = signup.session
        link = signup_url(signup)
        event = Event()
        event.add("uid", f"{signup.key}@naober")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(session.start, AMSTERDAM))
        event.add("dtend", timezone.localtime(session.end, AMSTERDAM))
        event.add("summary", session.activity.title)
        event.add("location", address(session))
        event.add(
            "description",
            "\n".join([people(signup), _("See your sign-up or cancel it:"), link]),
        )
        event.add("url", link)
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


def day(value: datetime) -> str:
    """Thursday 26 November, in the active language."""
    return formats.date_format(timezone.localtime(value, AMSTERDAM), "l j F")


def short_day(value: datetime) -> str:
    """26 November: for the dates of a series in a text message."""
    return formats.date_format(timezone.localtime(value, AMSTERDAM), "j F")


def clock(value: datetime) -> str:
    return formats.time_format(timezone.localtime(value, AMSTERDAM), "H:i")


def when(session: Session) -> str:
    """Thursday 26 November, 12:00–13:30."""
    return f"{day(session.start)}, {clock(session.start)}–{clock(session.end)}"


def moment(value: datetime) -> str:
    """Tuesday 24 November at 10:00."""
    # Translators: a day and a time, as in "Tuesday 24 November at 10:00".
    return _("%(day)s at %(time)s") % {"day": day(value), "time": clock(value)}


def address(session: Session) -> str:
    place = session.activity.place
    building = place.building
    return f"{place.name}, {building.street_address}, {building.postcode} {building.town}"


def people(signup: SignUp) -> str:
    return ngettext("%(count)s person", "%(count)s people", signup.people) % {
        "count": signup.people
    }


def cost(signup: SignUp) -> str:
    activity = signup.session.activity
    if activity.is_free:
        # Translators: what an activity costs, after "Cost:".
        return _("free")
    return _("€ %(amount)s per person") % {
        "amount": formats.number_format(activity.cost, 2, use_l10n=True)
    }


def _confirmation_subject(signup: SignUp) -> str:
    values = {"title": signup.session.activity.title, "day": day(signup.session.start)}
    if signup.status == SignUpStatus.WAITLISTED:
        return _("Waiting list: %(title)s, %(day)s") % values
    if signup.status == SignUpStatus.OFFERED:
        return _("A seat came free: %(title)s, %(day)s") % values
    return _("Signed up: %(title)s, %(day)s") % values


def _confirmation_opening(signup: SignUp) -> str:
    if signup.status == SignUpStatus.WAITLISTED:
        return _(
            "The activity is full, so you are on the waiting list. You are number %(place)s in "
            "line. If a seat comes free, we will send you a message."
        ) % {"place": signup.place_in_line()}
    if signup.status == SignUpStatus.OFFERED:
        return _("A seat is waiting for you. Confirm it before %(deadline)s.") % {
            "deadline": moment(signup.offered_until)
        }
    return _("Your seat is confirmed. See you there!")


def _status(signup: SignUp) -> str:
    """The state of one session of a series, in a few words."""
    if signup.status == SignUpStatus.WAITLISTED:
        return _("Waiting list: number %(place)s in line.") % {"place": signup.place_in_line()}
    if signup.status == SignUpStatus.OFFERED:
        return _("Seat offered: confirm before %(deadline)s.") % {
            "deadline": moment(signup.offered_until)
        }
    if signup.status == SignUpStatus.CONFIRMED:
        return _("Seat confirmed.")
    return str(SignUpStatus(signup.status).label)


def _short_status(signup: SignUp) -> str:
    if signup.status == SignUpStatus.WAITLISTED:
        return _("waiting list, number %(place)s") % {"place": signup.place_in_line()}
    return _("seat confirmed")


def _confirmation_text(signups: list[SignUp]) -> str:
    first = signups[0]
    title = first.session.activity.title
    link = signup_url(first)
    if len(signups) > 1:
        days = ", ".join(f"{short_day(s.session.start)} ({_short_status(s)})" for s in signups)
        return _("You signed up for %(title)s at %(time)s: %(days)s. See or cancel: %(link)s") % {
            "title": title,
            "time": clock(first.session.start),
            "days": days,
            "link": link,
        }
    values = {
        "title": title,
        "day": day(first.session.start),
        "time": clock(first.session.start),
        "place": first.session.activity.place.name,
        "link": link,
    }
    if first.status == SignUpStatus.WAITLISTED:
        values["number"] = first.place_in_line()
        return (
            _(
                "Waiting list for %(title)s, %(day)s at %(time)s: you are number %(number)s. "
                "We will text you if a seat comes free. See or cancel: %(link)s"
            )
            % values
        )
    return (
        _("Signed up: %(title)s, %(day)s at %(time)s, %(place)s. See or cancel: %(link)s") % values
    )


def _item(signup: SignUp) -> dict:
    return {"when": when(signup.session), "status": _status(signup), "link": signup_url(signup)}


def _context(signup: SignUp) -> dict:
    session = signup.session
    place = session.activity.place
    return {
        "name": signup.name,
        "title": session.activity.title,
        "when": when(session),
        "where": address(session),
        "place": place.name,
        "place_phone": place.phone,
        "people": signup.people,
        "cost": cost(signup),
        "note": signup.note,
        "link": signup_url(signup),
    }


def _render(name: str, context: dict) -> str:
    body = render_to_string(f"activities/mail/{name}.txt", context)
    # Templates leave blank lines where a part is left out; a mail has at most one in a row.
    body = re.sub(r"[ \t]+\n", "\n", body)
    return re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"


def _absolute(path: str) -> str:
    return settings.NAOBER_LINK_BASE + path


def _letter(
    signup: SignUp, subject: str, body: str, text: str, *, calendar: bytes | None = None
) -> Letter:
    title = signup.session.activity.title
    return Letter(
        email=signup.email,
        phone=signup.phone,
        subject=subject,
        body=body,
        text=text,
        calendar=calendar,
        calendar_name=f"{slugify(title) or 'activity'}.ics",
        reply_to=signup.session.activity.place.email,
    )

"""Activities and their sessions in the admin (/beheer/).

An activity's rule is edited as an opening's is (weekdays as checkboxes: schedules/forms.py).
Saving plans its sessions (sessions.plan_sessions) and says how many. A session's own seats and
cancellation are edited through the rules: a new reason cancels it and tells everyone signed up
(sessions.cancel_session); more seats go to the waiting list (signup.offer_free_seats).

Sign-ups are not edited here: their names are personal data, and the host's attendance list is
the place for them. A session shows only how many there are.
"""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from naober.places.admin import SOURCE_FIELDSET
from naober.schedules.forms import RecurringRuleForm
from naober.schedules.openings import today
from naober.schedules.recurrence import AMSTERDAM

from .constants import ACTIVE, HOLDING, SignUpStatus
from .models import Activity, Session
from .sessions import cancel_session, carry_over_seats, plan_sessions
from .signup import offer_free_seats

PREVIEW_COUNT = 10


def _when(session: Session) -> str:
    start = timezone.localtime(session.start)
    end = timezone.localtime(session.end)
    return "{} {}–{}".format(
        formats.date_format(start, "l j F Y"),
        formats.time_format(start, "H:i"),
        formats.time_format(end, "H:i"),
    )


def _seats(session: Session) -> str:
    if session.capacity is None:
        return gettext("%(taken)d, no limit") % {"taken": session.seats_taken()}
    return gettext("%(taken)d of %(capacity)d") % {
        "taken": session.seats_taken(),
        "capacity": session.capacity,
    }


def _has_people_coming(sessions) -> bool:
    return sessions.filter(
        start__gt=timezone.now(), cancel_reason="", signups__status__in=ACTIVE
    ).exists()


class ActivityForm(RecurringRuleForm):
    """The activity with its rule; the model checks the rule, the times and the seats."""


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    form = ActivityForm
    list_display = (
        "title",
        "place",
        "theme",
        "when",
        "start_time",
        "capacity",
        "signup_required",
        "is_public",
    )
    list_filter = ("place__municipality", "place", "theme", "signup_required", "is_public")
    list_select_related = ("place",)
    search_fields = ("title", "description", "place__name")
    ordering = ("place__name", "title")
    readonly_fields = ("next_sessions",)
    fieldsets = (
        (
            _("What"),
            {"fields": ("title", "place", "organisation", "theme", "description", "is_public")},
        ),
        (
            _("When"),
            {
                "fields": (
                    ("frequency", "interval", "week_of_month"),
                    "weekdays",
                    ("start_time", "duration"),
                    ("valid_from", "valid_until"),
                ),
                "description": _(
                    "Sessions are planned from this rule, %(days)d days ahead. A public holiday "
                    "or closure of the place cancels the session on that day."
                )
                % {"days": settings.NAOBER_SESSION_HORIZON_DAYS},
            },
        ),
        (_("Seats and sign-up"), {"fields": ("capacity", "signup_required")}),
        (_("Cost"), {"fields": ("cost",)}),
        (_("Accessibility"), {"fields": ("accessibility_notes",)}),
        (_("Sessions"), {"fields": ("next_sessions",)}),
        SOURCE_FIELDSET,
    )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    def get_actions(self, request):
        # Deleting many at once would drop their sign-ups without telling anyone.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # People are coming: cancel the sessions first, so they are told.
        if obj is not None and _has_people_coming(obj.sessions.all()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("when"))
    def when(self, obj):
        return obj.describe()

    @admin.display(description=_("next sessions"))
    def next_sessions(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Save the activity first: its sessions are planned then.")
        found = list(obj.sessions.upcoming().order_by("start")[:PREVIEW_COUNT])
        if not found:
            return gettext("No sessions planned. Check the rule's days and dates.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((_session_line(s),) for s in found)),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        activity = form.instance
        plan = plan_sessions(activity)
        self.message_user(request, _plan_message(plan), messages.SUCCESS)
        if change and "capacity" in form.changed_data:
            changed, kept = carry_over_seats(activity, form.initial.get("capacity"))
            self.message_user(
                request,
                ngettext(
                    "%(count)d coming session now has the new number of seats.",
                    "%(count)d coming sessions now have the new number of seats.",
                    changed,
                )
                % {"count": changed},
                messages.SUCCESS,
            )
            if kept:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d session keeps its seats: more people are signed up than the "
                        "new number.",
                        "%(count)d sessions keep their seats: more people are signed up than the "
                        "new number.",
                        kept,
                    )
                    % {"count": kept},
                    messages.WARNING,
                )


def _session_line(session: Session) -> str:
    url = reverse("admin:activities_session_change", args=[session.pk])
    if session.is_cancelled:
        state = gettext("cancelled: %(reason)s") % {"reason": session.cancel_reason}
    elif session.activity.signup_required:
        state = gettext("seats taken: %(seats)s") % {"seats": _seats(session)}
    else:
        state = gettext("walk-in")
    return format_html('<a href="{}">{}</a> · {}', url, _when(session), state)


def _plan_message(plan) -> str:
    parts = [
        ngettext(
            "%(count)d new session planned.", "%(count)d new sessions planned.", len(plan.created)
        )
        % {"count": len(plan.created)}
    ]
    if plan.cancelled:
        parts.append(
            ngettext(
                "%(count)d session cancelled; everyone signed up is told.",
                "%(count)d sessions cancelled; everyone signed up is told.",
                len(plan.cancelled),
            )
            % {"count": len(plan.cancelled)}
        )
    if plan.restored:
        parts.append(
            ngettext(
                "%(count)d session goes ahead again.",
                "%(count)d sessions go ahead again.",
                len(plan.restored),
            )
            % {"count": len(plan.restored)}
        )
    if plan.deleted:
        parts.append(
            ngettext(
                "%(count)d session without sign-ups removed.",
                "%(count)d sessions without sign-ups removed.",
                plan.deleted,
            )
            % {"count": plan.deleted}
        )
    return " ".join(parts)


class SessionForm(forms.ModelForm):
    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if self.instance.pk is None or capacity is None:
            return capacity
        if capacity == 0:
            raise forms.ValidationError(gettext("Give at least 1 seat, or leave it empty."))
        taken = self.instance.seats_taken()
        if capacity < taken:
            raise forms.ValidationError(
                ngettext(
                    "%(taken)d person already has a seat: give at least %(taken)d seat, or "
                    "ask the host to cancel sign-ups first.",
                    "%(taken)d people already have a seat: give at least %(taken)d seats, or "
                    "ask the host to cancel sign-ups first.",
                    taken,
                )
                % {"taken": taken}
            )
        return capacity


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Cancelled because"),
        max_length=200,
        help_text=_(
            "Residents read this, and everyone signed up is told. For example: the host is ill."
        ),
    )


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Today")),
            ("week", _("The coming 7 days")),
            ("coming", _("Coming")),
            ("past", _("Past")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        day_start = datetime.combine(today(), time.min, tzinfo=AMSTERDAM)
        if self.value() == "today":
            return queryset.filter(start__gte=day_start, start__lt=day_start + timedelta(days=1))
        if self.value() == "week":
            return queryset.filter(start__gte=now, start__lt=day_start + timedelta(days=8))
        if self.value() == "coming":
            return queryset.filter(end__gt=now)
        if self.value() == "past":
            return queryset.filter(end__lte=now)
        return queryset


class CancelledFilter(admin.SimpleListFilter):
    title = _("goes ahead")
    parameter_name = "cancelled"

    def lookups(self, request, model_admin):
        return [("no", _("Goes ahead")), ("yes", pgettext_lazy("session", "Cancelled"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(cancel_reason="")
        if self.value() == "yes":
            return queryset.exclude(cancel_reason="")
        return queryset


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionForm
    list_display = ("activity_title", "place", "start", "seats", "waiting", "cancel_reason")
    list_filter = (
        ("activity__place", admin.RelatedOnlyFieldListFilter),
        WhenFilter,
        CancelledFilter,
        "activity__theme",
    )
    date_hierarchy = "start"
    search_fields = ("activity__title", "activity__place__name")
    ordering = ("start",)
    actions = ["cancel_sessions"]
    fields = ("activity", "start", "end", "capacity", "cancel_reason", "extra", "signed_up")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("activity__place").with_seats()

    def get_readonly_fields(self, request, obj=None):
        # A session belongs to its activity; one added by hand is an extra, left alone by planning.
        fixed = ("extra", "signed_up")
        return ("activity", *fixed) if obj is not None else fixed

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _has_people_coming(Session.objects.filter(pk=obj.pk)):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("activity"), ordering="activity__title")
    def activity_title(self, obj):
        return obj.activity.title

    @admin.display(description=_("place"), ordering="activity__place__name")
    def place(self, obj):
        return obj.activity.place

    @admin.display(description=_("seats taken"), ordering="taken")
    def seats(self, obj):
        return _seats(obj)

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting(self, obj):
        return obj.waiting

    @admin.display(description=_("signed up"))
    def signed_up(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        signups = obj.signups
        holding = signups.filter(status__in=HOLDING).count()
        waiting = signups.filter(status=SignUpStatus.WAITLISTED).count()
        return gettext(
            "%(signups)d sign-ups with %(people)d seats; %(waiting)d on the waiting list. The "
            "names are on the host's attendance list."
        ) % {"signups": holding, "people": obj.seats_taken(), "waiting": waiting}

    def save_model(self, request, obj, form, change):
        old_reason = form.initial.get("cancel_reason", "") if change else ""
        old_capacity = form.initial.get("capacity") if change else None
        reason = obj.cancel_reason
        cancelling = bool(reason) and not old_reason
        if cancelling:
            # The other changes first; then the cancellation through the rule that tells people.
            obj.cancel_reason = old_reason
        if not reason:
            obj.cancelled_by_calendar = False
        if not change:
            obj.extra = True
        super().save_model(request, obj, form, change)
        if cancelling:
            cancel_session(obj, reason)
            self.message_user(
                request,
                gettext("The session is cancelled; everyone signed up is told."),
                messages.SUCCESS,
            )
        more_seats = obj.capacity is None or (
            old_capacity is not None and obj.capacity > old_capacity
        )
        if change and "capacity" in form.changed_data and more_seats and not obj.is_cancelled:
            offered = offer_free_seats(obj)
            if offered:
                self.message_user(
                    request,
                    ngettext(
                        "A seat was offered to %(count)d person on the waiting list.",
                        "Seats were offered to %(count)d people on the waiting list.",
                        len(offered),
                    )
                    % {"count": len(offered)},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Cancel these sessions"))
    def cancel_sessions(self, request, queryset):
        form = CancelForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            going_ahead = list(queryset.filter(cancel_reason=""))
            for session in going_ahead:
                cancel_session(session, form.cleaned_data["reason"])
            self.message_user(
                request,
                ngettext(
                    "%(count)d session cancelled; everyone signed up is told.",
                    "%(count)d sessions cancelled; everyone signed up is told.",
                    len(going_ahead),
                )
                % {"count": len(going_ahead)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Cancel these sessions"),
            "opts": self.model._meta,
            "sessions": [(s, _when(s)) for s in queryset.select_related("activity")],
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/activities/session/cancel_sessions.html", context)

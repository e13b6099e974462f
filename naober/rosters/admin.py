"""The roster's people, needs, shares and rules in the admin (/beheer/).

A coordinator sees and edits only their own network (accounts.access.network): its people, the
needs of its places, its partners' shares and its rules; the lists to choose from hold only that
network's municipality and places. A superuser sees every network.

A person is edited with their weekly availability and absences beneath. A new absence (or one
whose dates moved) takes the person off their shifts in it and repairs the roster at once
(repair.absence_added); the admin says what changed and which openings are still short of people.

Rosters, shifts and assignments are made and mended on the coordinator's roster pages; here a
roster can only be looked at.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from naober.accounts import access
from naober.accounts.models import Membership
from naober.places.admin import SOURCE_FIELDSET
from naober.places.models import Municipality, Organisation, Place
from naober.schedules.models import OpeningRule

from . import repair
from .constants import AssignmentStatus, Skill
from .models import (
    Absence,
    Availability,
    Person,
    Roster,
    RosterPolicy,
    Share,
    StaffingNeed,
)

MAX_PEOPLE = next(
    v.limit_value
    for v in StaffingNeed._meta.get_field("people").validators
    if isinstance(v, MaxValueValidator)
)


def networks(user):
    """The municipalities whose roster this person may edit: all for a superuser."""
    if user.is_superuser:
        return Municipality.objects.all()
    return access.network(user)


def network_places(user):
    return Place.objects.filter(municipality__in=networks(user))


def network_organisations(user):
    """The partners to choose from: for a coordinator, those at their network's places."""
    if user.is_superuser:
        return Organisation.objects.all()
    places = network_places(user)
    return Organisation.objects.filter(
        Q(places__in=places) | Q(presence_rules__place__in=places)
    ).distinct()


def skill_names(codes) -> str:
    labels = dict(Skill.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


class NetworkAdmin(admin.ModelAdmin):
    """Rows of the coordinator's own network only, and only its municipality, places, opening
    hours and partners to choose from. `network` is the path from the row to its municipality."""

    network = "municipality"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.network}__in": access.network(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        choices = self.choices_for(db_field.related_model, request)
        if choices is not None:
            kwargs.setdefault("queryset", choices)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        choices = self.choices_for(db_field.related_model, request)
        if choices is not None:
            kwargs.setdefault("queryset", choices)
        if db_field.related_model is Place:
            kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def choices_for(self, model, request):
        user = request.user
        if model is Municipality:
            return networks(user)
        if model is Place:
            return network_places(user).order_by("name")
        if model is OpeningRule:
            return OpeningRule.objects.filter(place__in=network_places(user)).select_related(
                "place"
            )
        if model is Organisation:
            return network_organisations(user).order_by("name")
        return None

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if self.network != "municipality":
            return initial
        # A coordinator of one network need not choose it.
        own = list(networks(request.user)[:2])
        if len(own) == 1 and "municipality" not in initial:
            initial["municipality"] = own[0].pk
        return initial


# People -----------------------------------------------------------------------------------------


class SkillsField(forms.TypedMultipleChoiceField):
    """The skills of the controlled list as checkboxes, stored as a list of codes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Skill.choices)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Unknown skill %(value)s. Choose from the list of skills.")},
        )
        super().__init__(**kwargs)


class PersonForm(forms.ModelForm):
    skills = SkillsField(label=_("skills"))

    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality")
        places = cleaned_data.get("preferred_places")
        if municipality and places:
            elsewhere = [place.name for place in places if place.municipality_id != municipality.pk]
            if elsewhere:
                self.add_error(
                    "preferred_places",
                    gettext("%(places)s is not in the network of %(network)s.")
                    % {"places": ", ".join(elsewhere), "network": municipality.name},
                )
        return cleaned_data


class AvailabilityInline(admin.TabularInline):
    model = Availability
    fields = ("weekday", "start_time", "end_time")
    # An empty row ready for a new window, without JavaScript.
    extra = 1


class AbsenceInline(admin.TabularInline):
    model = Absence
    fields = ("start_date", "end_date")
    extra = 1
    verbose_name_plural = _("absences (a new one takes the person off their shifts in it)")


@admin.register(Person)
class PersonAdmin(NetworkAdmin):
    form = PersonForm
    inlines = [AvailabilityInline, AbsenceInline]
    list_display = (
        "name",
        "organisation_or_volunteer",
        "skill_list",
        "max_per_week",
        "max_per_month",
        "home_village",
        "municipality",
        "is_active",
    )
    list_filter = (
        ("municipality", admin.RelatedOnlyFieldListFilter),
        ("organisation", admin.RelatedOnlyFieldListFilter),
        "is_active",
    )
    list_select_related = ("municipality", "organisation")
    search_fields = ("name", "home_village", "email")
    fieldsets = (
        (None, {"fields": ("municipality", "name", "organisation", "is_active")}),
        (_("What they can do"), {"fields": ("skills",)}),
        (
            _("How often"),
            {
                "fields": (("max_per_week", "max_per_month"),),
                "description": _("The roster never gives someone more shifts than this."),
            },
        ),
        (
            _("Where"),
            {
                "fields": ("home_village", "preferred_places"),
                "description": _(
                    "Without preferred places, the places in the home village come first."
                ),
            },
        ),
        (
            _("Contact and login"),
            {
                "fields": ("email", "phone", "user"),
                "description": _(
                    "With a login, the person sees their shifts at /rooster/ and can give one "
                    "away or swap. Ask the administrator for a login for a volunteer."
                ),
            },
        ),
        SOURCE_FIELDSET,
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = self.logins_for(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def logins_for(self, request):
        """A coordinator links the logins of their own network: staff of its organisations or
        places, and those already linked to its people. Other accounts stay out of sight."""
        own = networks(request.user)
        places = network_places(request.user)
        members = Membership.objects.filter(
            Q(municipality__in=own)
            | Q(places__in=places)
            | Q(organisation__in=network_organisations(request.user))
        ).values("user")
        linked = Person.objects.filter(municipality__in=own, user__isnull=False).values("user")
        return (
            get_user_model()
            .objects.filter(Q(pk__in=members) | Q(pk__in=linked), is_active=True)
            .order_by("username")
        )

    @admin.display(description=_("organisation"), ordering="organisation__name")
    def organisation_or_volunteer(self, obj):
        return obj.organisation.name if obj.organisation_id else gettext("Volunteer")

    @admin.display(description=_("skills"))
    def skill_list(self, obj):
        return skill_names(obj.skills or [])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After every row is saved, so the repair sees the person's availability as it now is.
        for formset in formsets:
            if formset.model is not Absence:
                continue
            moved = [
                absence
                for absence, fields in formset.changed_objects
                if {"start_date", "end_date"} & set(fields)
            ]
            for absence in [*formset.new_objects, *moved]:
                report = repair.absence_added(absence, actor=request.user)
                level = messages.WARNING if report.gaps else messages.SUCCESS
                self.message_user(request, repair_message(absence, report), level)


def _when(shift) -> str:
    start = timezone.localtime(shift.start)
    return "{} {} {}".format(
        shift.place.name,
        formats.date_format(start, "D j M"),
        formats.time_format(start, "H:i"),
    )


def _roster_link(shift) -> str:
    url = reverse("rosters:roster", args=[shift.roster_id])
    return format_html('<a href="{}">{}</a>', url, _when(shift))


def repair_message(absence: Absence, report: repair.RepairReport) -> str:
    """What the absence changed in the roster, in words for the coordinator."""
    person = absence.person
    parts = [
        gettext("%(name)s is away from %(start)s to %(end)s.")
        % {
            "name": person.name,
            "start": formats.date_format(absence.start_date, "j F Y"),
            "end": formats.date_format(absence.end_date, "j F Y"),
        }
    ]
    if not report.removed:
        parts.append(gettext("They have no shifts in those days: the roster stays as it is."))
    else:
        parts.append(
            ngettext(
                "They are off %(count)d shift.",
                "They are off %(count)d shifts.",
                len(report.removed),
            )
            % {"count": len(report.removed)}
        )
    confirmed = [a for a in report.added if a.status == AssignmentStatus.CONFIRMED]
    asked = [a for a in report.added if a.status == AssignmentStatus.ASKED]
    if confirmed:
        parts.append(
            ngettext(
                "%(count)d place is filled by someone else.",
                "%(count)d places are filled by someone else.",
                len(confirmed),
            )
            % {"count": len(confirmed)}
        )
    if asked:
        parts.append(
            ngettext(
                "%(count)d person is asked to take over; until they say yes, the place stays open.",
                "%(count)d people are asked to take over; until they say yes, the places stay "
                "open.",
                len(asked),
            )
            % {"count": len(asked)}
        )
    text = " ".join(parts)
    if not report.gaps:
        return text
    short = gettext("Still short of people:")
    gaps = format_html_join(", ", "{}", ((_roster_link(shift),) for shift in report.gaps))
    return format_html("{} {} {}.", text, short, gaps)


# Needs ------------------------------------------------------------------------------------------


def _skill_field(code: str) -> str:
    return f"skill_{code}"


SKILL_FIELDS = tuple(_skill_field(code) for code in Skill.values)


class StaffingNeedFormBase(forms.ModelForm):
    """The need with one number per skill ("at least so many people with first aid"), stored as
    {"first_aid": 1}. Empty or 0: the skill is not asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, count in (self.instance.skills or {}).items():
            if _skill_field(code) in self.fields:
                self.fields[_skill_field(code)].initial = count

    def clean(self):
        cleaned_data = super().clean()
        people = cleaned_data.get("people")
        skills = {}
        for code, label in Skill.choices:
            count = cleaned_data.get(_skill_field(code))
            if not count:
                continue
            if people and count > people:
                self.add_error(
                    _skill_field(code),
                    ngettext(
                        "This need is for %(people)d person, so at most %(people)d can bring "
                        "%(skill)s. Ask for more people, or fewer with this skill.",
                        "This need is for %(people)d people, so at most %(people)d can bring "
                        "%(skill)s. Ask for more people, or fewer with this skill.",
                        people,
                    )
                    % {"people": people, "skill": str(label).lower()},
                )
            skills[code] = count
        self.instance.skills = skills
        self._check_one_need(cleaned_data)
        return cleaned_data

    def _check_one_need(self, cleaned_data):
        """One need per opening hours, and one for a place's other openings; said in words
        before the database's constraint would say it by its name."""
        place, rule = cleaned_data.get("place"), cleaned_data.get("opening_rule")
        if place is None:
            return
        others = StaffingNeed.objects.exclude(pk=self.instance.pk)
        if rule is None and others.filter(place=place, opening_rule__isnull=True).exists():
            self.add_error(
                "opening_rule",
                gettext(
                    "%(place)s already has a need for every opening: change that one, or "
                    "choose the opening hours this need is for."
                )
                % {"place": place.name},
            )
        elif rule is not None and others.filter(opening_rule=rule).exists():
            self.add_error(
                "opening_rule",
                gettext("These opening hours already have a need: change that one."),
            )

    def _update_errors(self, errors):
        # The model checks the skills too; without a field of that name, its message goes on top.
        if hasattr(errors, "error_dict") and "skills" in errors.error_dict:
            moved = dict(errors.error_dict)
            moved.setdefault(NON_FIELD_ERRORS, []).extend(moved.pop("skills"))
            errors = ValidationError(moved)
        super()._update_errors(errors)


StaffingNeedForm = type(
    "StaffingNeedForm",
    (StaffingNeedFormBase,),
    {
        _skill_field(code): forms.IntegerField(
            label=capfirst(label),
            required=False,
            min_value=0,
            max_value=MAX_PEOPLE,
            widget=forms.NumberInput(attrs={"size": 3}),
        )
        for code, label in Skill.choices
    },
)


@admin.register(StaffingNeed)
class StaffingNeedAdmin(NetworkAdmin):
    form = StaffingNeedForm
    network = "place__municipality"
    list_display = ("place", "opening_hours", "people", "skills_asked")

    list_filter = (("place__municipality", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("place", "opening_rule")
    search_fields = ("place__name",)
    readonly_fields = ("promised",)
    fieldsets = (
        (None, {"fields": ("place", "opening_rule", "people")}),
        (
            _("Skills at least"),
            {
                "fields": SKILL_FIELDS,
                "description": _(
                    "How many of the people must have each skill. Leave it empty when a skill "
                    "is not needed."
                ),
            },
        ),
        (_("Promised to residents"), {"fields": ("promised",)}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "opening_rule":
            # The hours alone do not say whose they are.
            field.label_from_instance = lambda rule: f"{rule.place.name}: {rule}"
        return field

    @admin.display(description=_("opening hours"), ordering="opening_rule")
    def opening_hours(self, obj):
        return str(obj.opening_rule) if obj.opening_rule_id else gettext("Every opening")

    @admin.display(description=_("skills at least"))
    def skills_asked(self, obj):
        labels = dict(Skill.choices)
        return ", ".join(
            f"{count} × {str(labels.get(code, code)).lower()}"
            for code, count in (obj.skills or {}).items()
        )

    @admin.display(description=_("organisations that must be there"))
    def promised(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Save the need first: the place's presence hours say who must be there.")
        names = sorted(
            {
                rule.organisation.name
                for rule in obj.place.presence_rules.select_related("organisation")
                if rule.organisation_id
            }
        )
        if not names:
            return gettext("No organisation is promised at this place.")
        return gettext(
            "From the presence hours of the place: %(names)s. Someone of each is put on the "
            "openings where it is promised."
        ) % {"names": ", ".join(names)}


# Shares -----------------------------------------------------------------------------------------


class ShareForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality")
        percent = cleaned_data.get("percent")
        places = cleaned_data.get("places")
        if municipality is None or percent is None or places is None:
            return cleaned_data
        elsewhere = [place.name for place in places if place.municipality_id != municipality.pk]
        if elsewhere:
            self.add_error(
                "places",
                gettext("%(places)s is not in the network of %(network)s.")
                % {"places": ", ".join(elsewhere), "network": municipality.name},
            )
            return cleaned_data
        scope = {place.pk for place in places}
        others = (
            Share.objects.filter(municipality=municipality)
            .exclude(pk=self.instance.pk)
            .prefetch_related("places")
        )
        taken = sum(s.percent for s in others if {p.pk for p in s.places.all()} == scope)
        total = taken + percent
        if total > 100:
            where = ", ".join(sorted(p.name for p in places)) or gettext(
                "every place of %(network)s"
            ) % {"network": municipality.name}
            self.add_error(
                "percent",
                gettext(
                    "The shares for %(where)s would add up to %(total)d %%; together they can "
                    "be at most 100 %%. The other partners have %(taken)d %%, so this share can "
                    "be at most %(left)d %%."
                )
                % {"where": where, "total": total, "taken": taken, "left": max(100 - taken, 0)},
            )
        return cleaned_data


@admin.register(Share)
class ShareAdmin(NetworkAdmin):
    form = ShareForm
    list_display = ("organisation", "percent", "scope", "municipality")
    list_filter = (("municipality", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("organisation", "municipality")
    search_fields = ("organisation__name",)
    fieldsets = (
        (
            None,
            {
                "fields": ("municipality", "organisation", "percent", "places"),
                "description": _(
                    "The part of the staffing (people times openings, per quarter) this partner "
                    "agreed to give. The shares for the same places add up to 100 per cent at "
                    "most."
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("places")

    @admin.display(description=_("places"))
    def scope(self, obj):
        names = sorted(place.name for place in obj.places.all())
        return ", ".join(names) or gettext("Every place")


# Rules and rosters ------------------------------------------------------------------------------


@admin.register(RosterPolicy)
class RosterPolicyAdmin(NetworkAdmin):
    list_display = ("municipality", "approval", "max_distance_km")
    fields = ("municipality", "approval", "max_distance_km")


@admin.register(Roster)
class RosterAdmin(NetworkAdmin):
    """To look at only: rosters are generated, published and mended on the roster pages."""

    list_display = ("__str__", "status", "solver_status", "published_at")
    list_filter = (("municipality", admin.RelatedOnlyFieldListFilter), "status")
    list_select_related = ("municipality",)
    fields = (
        "municipality",
        "start_date",
        "end_date",
        "status",
        "message",
        "solver_status",
        "created_at",
        "published_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def view_on_site(self, obj):
        return reverse("rosters:roster", args=[obj.pk])

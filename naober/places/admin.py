"""Staff editing of municipalities, organisations, buildings and places, at /beheer/.

The place page carries its opening hours, presence, closures and extra openings as inlines
(defined in naober.schedules.admin, which owns those models) and a preview of the openings
residents will see.
"""

from datetime import timedelta

from django.contrib import admin
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from naober.schedules.admin import PLACE_INLINES
from naober.schedules.openings import openings, today
from naober.schedules.recurrence import RuleError

from .forms import BuildingForm, PlaceForm
from .models import (
    ACCESSIBILITY_FIELDS,
    FACILITY_FIELDS,
    Building,
    Municipality,
    Organisation,
    Place,
)

admin.site.site_header = _("naober admin")
admin.site.site_title = _("naober admin")
admin.site.index_title = _("Places, openings and partners")

CHECKBOXES = {
    models.ManyToManyField: {"widget": CheckboxSelectMultiple},
    # A website typed without a scheme ("andes.nl") is taken as https, as Django 6 will.
    models.URLField: {"assume_scheme": "https"},
}
SOURCE_FIELDSET = (
    _("Source"),
    {"fields": ("source", "invented"), "classes": ("collapse",)},
)
PREVIEW_COUNT = 10
PREVIEW_DAYS = 30


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "cbs_code")
    search_fields = ("name", "cbs_code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "website")
    list_filter = ("kind", "themes")
    search_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "kind", "website", "themes")}), SOURCE_FIELDSET)
    formfield_overrides = CHECKBOXES


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    form = BuildingForm
    list_display = ("name", "street_address", "postcode", "town")
    list_filter = ("town",)
    search_fields = ("name", "street_address", "postcode", "town")
    fieldsets = (
        (None, {"fields": ("name",)}),
        (_("Address"), {"fields": ("street_address", "postcode", "town")}),
        (
            _("Coordinates"),
            {
                "fields": (("latitude", "longitude"),),
                "description": _(
                    "Where the entrance is, in decimal degrees (WGS84). Residents find the "
                    "building on the map and by distance with these."
                ),
            },
        ),
        (_("Accessibility"), {"fields": (*ACCESSIBILITY_FIELDS, "accessibility_notes")}),
        (_("Facilities"), {"fields": FACILITY_FIELDS}),
        SOURCE_FIELDSET,
    )


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    form = PlaceForm
    list_display = ("name", "village", "municipality", "kind", "is_public")
    list_filter = ("municipality", "kind", "is_public")
    list_select_related = ("municipality",)
    search_fields = ("name", "village", "building__town")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("building",)
    formfield_overrides = CHECKBOXES
    readonly_fields = ("upcoming_openings",)
    # The schedules app owns a place's calendar rows and their inlines.
    inlines = PLACE_INLINES
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "municipality", "village", "building")}),
        (_("Who runs it, and for which questions"), {"fields": ("organisations", "themes")}),
        (_("Contact and description"), {"fields": ("description", "phone", "email", "website")}),
        (_("Public holidays"), {"fields": ("closed_on_holidays",)}),
        (_("In the guide"), {"fields": ("is_public", "upcoming_openings")}),
        SOURCE_FIELDSET,
    )

    def view_on_site(self, obj):
        # A hidden place has no public page to show.
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description=_("next openings, as residents see them"))
    def upcoming_openings(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Save the place first to see its openings.")
        first = today()
        found = openings(obj, first, first + timedelta(days=PREVIEW_DAYS))[:PREVIEW_COUNT]
        warning = ""
        if any(
            _cannot_happen(rule) for rule in (*obj.opening_rules.all(), *obj.presence_rules.all())
        ):
            # The guide leaves such a rule out; the coordinator should know why.
            warning = format_html(
                "<p><strong>{}</strong></p>",
                gettext("One of the rules below cannot happen and is left out; correct it."),
            )
        if not found:
            empty = gettext("No openings in the next %(days)d days.") % {"days": PREVIEW_DAYS}
            return format_html("{}<p>{}</p>", warning, empty)
        items = format_html_join("", "<li>{}</li>", map(_line, found))
        return format_html("{}<ul>{}</ul>", warning, items)


def _cannot_happen(rule) -> bool:
    try:
        rule.rule()
    except RuleError:
        return True
    return False


def _line(opening) -> tuple[str]:
    # Openings come in Europe/Amsterdam wall-clock time already.
    when = "{} {}–{}".format(
        formats.date_format(opening.start, "l j F"),
        formats.time_format(opening.start, "H:i"),
        formats.time_format(opening.end, "H:i"),
    )
    if not opening.is_open:
        return (
            gettext("%(when)s: closed (%(reason)s)") % {"when": when, "reason": opening.reason},
        )
    who = ", ".join(organisation.name for organisation in opening.organisations)
    themes = ", ".join(opening.theme_labels)
    return (" · ".join(text for text in (when, opening.note, who, themes) if text),)

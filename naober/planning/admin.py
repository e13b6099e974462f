"""Network planning in the admin (/beheer/).

Imported data (datasets, areas, demand points) and scenarios can only be looked at here: they come
from `naober planning import` and the planning pages. A dataset can be deleted, and its rows go
with it; the confirmation page says how many. Candidate buildings are entered by hand and surveys
are set up here, each for one network: a coordinator or policy maker sees and edits only their
own network's (accounts.access.planning_network), a superuser every network's. Survey answers are
anonymous and can only be looked at (or deleted, for an answer with a name or address in it).
"""

from collections import Counter

from django.contrib import admin
from django.db import router
from django.db.models import Count
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from naober.accounts import access
from naober.places.constants import ThemeCode
from naober.places.models import Municipality

from .constants import WantedActivity
from .models import (
    Area,
    CandidateBuilding,
    Dataset,
    DemandPoint,
    Scenario,
    Survey,
    SurveyResponse,
)


def planning_networks(user):
    """The municipalities whose planning rows this person may see: all for a superuser."""
    if user.is_superuser:
        return Municipality.objects.all()
    return access.planning_network(user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows to look at: made by an import or a page, not here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PlanningNetworkAdmin(admin.ModelAdmin):
    """Rows of the person's own network only, and only that municipality to choose from.
    `network` is the path from the row to its municipality."""

    network = "municipality"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.network}__in": planning_networks(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Municipality:
            kwargs.setdefault("queryset", planning_networks(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Someone planning for one network need not choose it.
        own = list(planning_networks(request.user)[:2])
        if self.network == "municipality" and len(own) == 1:
            initial.setdefault("municipality", own[0].pk)
        return initial


def deletion_counts(objs) -> Counter:
    """How many rows of each kind deleting these rows deletes with them, by plural name."""
    collector = Collector(using=router.db_for_write(Dataset))
    collector.collect(objs)
    counts = Counter()
    for model, instances in collector.data.items():
        counts[str(capfirst(model._meta.verbose_name_plural))] += len(instances)
    for queryset in collector.fast_deletes:
        counts[str(capfirst(queryset.model._meta.verbose_name_plural))] += queryset.count()
    return counts


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "source", "rows", "imported_at", "imported_by")
    list_filter = ("kind",)
    list_select_related = ("imported_by",)
    search_fields = ("name", "source", "file_name")
    fields = ("kind", "name", "source", "file_name", "crs", "rows", "imported_at", "imported_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_deleted_objects(self, objs, request):
        # A dataset can hold a hundred thousand rows: the confirmation page counts them instead
        # of listing each one. Its rows go with it whatever the person's other rights.
        names = [f"{capfirst(Dataset._meta.verbose_name)}: {dataset}" for dataset in objs]
        return names, dict(deletion_counts(objs)), set(), []


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "code", "parent", "population", "dataset")
    list_filter = ("kind",)
    list_select_related = ("parent", "dataset")
    search_fields = ("name", "code")
    exclude = ("geometry",)


@admin.register(DemandPoint)
class DemandPointAdmin(ReadOnlyAdmin):
    list_display = ("code", "area", "municipality", "population", "dataset")
    list_filter = ("dataset",)
    list_select_related = ("area", "municipality", "dataset")
    search_fields = ("code", "area__name")
    show_full_result_count = False


@admin.register(CandidateBuilding)
class CandidateBuildingAdmin(PlanningNetworkAdmin):
    list_display = (
        "name",
        "town",
        "kind",
        "kitchen",
        "step_free_entrance",
        "capacity",
        "municipality",
        "is_active",
    )
    list_filter = (
        "kind",
        "kitchen",
        "step_free_entrance",
        "accessible_toilet",
        "is_active",
        ("municipality", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("municipality",)
    search_fields = ("name", "town", "street_address", "code")
    readonly_fields = ("dataset",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "municipality", "is_active")}),
        (_("Address"), {"fields": ("street_address", "town")}),
        (_("Coordinates"), {"fields": ("latitude", "longitude")}),
        (
            _("Accessibility"),
            {"fields": ("step_free_entrance", "accessible_toilet", "hearing_loop", "parking")},
        ),
        (_("Facilities"), {"fields": ("kitchen", "capacity", "available")}),
        (_("Notes"), {"fields": ("notes", "code", "dataset")}),
    )


@admin.register(Scenario)
class ScenarioAdmin(ReadOnlyAdmin, PlanningNetworkAdmin):
    list_display = ("__str__", "method", "municipality", "status", "created_at", "created_by")
    list_filter = ("status", "method", ("municipality", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("municipality", "created_by")
    exclude = ("result",)


@admin.register(Survey)
class SurveyAdmin(PlanningNetworkAdmin):
    list_display = ("village", "municipality", "is_open", "closes_on", "answers", "public_page")
    list_filter = ("is_open", ("municipality", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("municipality",)
    search_fields = ("village", "slug")
    fields = ("municipality", "village", "slug", "introduction", "is_open", "closes_on")
    prepopulated_fields = {"slug": ("village",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("responses"))

    @admin.display(description=_("answers"), ordering="answer_count")
    def answers(self, obj) -> str:
        # The count links to the answers themselves.
        url = reverse("admin:planning_surveyresponse_changelist")
        return format_html(
            '<a href="{}?survey__id__exact={}">{}</a>', url, obj.pk, obj.answer_count
        )

    @admin.display(description=_("public page"))
    def public_page(self, obj) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(SurveyResponse)
class SurveyResponseAdmin(PlanningNetworkAdmin):
    network = "survey__municipality"
    list_display = ("survey", "submitted_on", "horizon", "transport", "theme_list", "has_wish")
    list_filter = (("survey", admin.RelatedOnlyFieldListFilter), "horizon", "transport")
    list_select_related = ("survey",)
    date_hierarchy = "submitted_on"
    fields = (
        "survey",
        "submitted_on",
        "theme_list",
        "activity_list",
        "horizon",
        "transport",
        "wish",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("themes"))
    def theme_list(self, obj) -> str:
        labels = dict(ThemeCode.choices)
        return ", ".join(str(labels.get(code, code)) for code in obj.themes)

    @admin.display(description=_("activities wanted"))
    def activity_list(self, obj) -> str:
        labels = dict(WantedActivity.choices)
        return ", ".join(str(labels.get(code, code)) for code in obj.activities)

    @admin.display(description=_("anything else"), boolean=True)
    def has_wish(self, obj) -> bool:
        return bool(obj.wish)

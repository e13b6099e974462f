"""Network planning: where residents live, the buildings that could become a place, scenarios for
new places, and what residents say they need.

Population and buildings come in as datasets (naober planning import): one import is one
Dataset, all of it or nothing. The pure calculations live in coverage.py and siting.py; the
bridge between these rows and those modules is analysis.py.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from naober.places.models import BuildingBase, Municipality

from .constants import (
    AreaKind,
    BuildingKind,
    DatasetKind,
    Horizon,
    Method,
    ScenarioStatus,
    Transport,
)
from .coverage import DEFAULT_DETOUR, WEEKLY


class Dataset(models.Model):
    """One imported file: where its rows came from. Deleting it deletes its rows."""

    kind = models.CharField(_("kind"), max_length=20, choices=DatasetKind.choices)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Who made the data and under which licence, e.g. Bron: CBS, PDOK (CC BY 4.0)."),
    )
    file_name = models.CharField(_("file"), max_length=300, blank=True)
    crs = models.CharField(_("coordinate system"), max_length=20, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A municipality, village or neighbourhood (or postcode area) residents live in."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    # CBS code for municipalities (GM1699), wijken and buurten (BU16990000), the 4 digits of a
    # postcode area, or the municipality code and name for a village (GM1699:Roden).
    code = models.CharField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    # The outline in WGS84 GeoJSON, when the data has one (for the map).
    geometry = models.JSONField(_("outline"), null=True, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="area_kind_code")]

    def __str__(self) -> str:
        return self.name


class DemandPoint(models.Model):
    """Where residents live: a postcode-area centroid, a 100 m grid cell, an address."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="points"
    )
    code = models.CharField(_("code"), max_length=60)
    municipality = models.ForeignKey(
        Area,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": AreaKind.MUNICIPALITY},
    )
    # The smallest area the point lies in: village or neighbourhood.
    area = models.ForeignKey(
        Area,
        verbose_name=_("village or neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="points",
    )
    x_rd = models.FloatField(_("x (RD New)"))
    y_rd = models.FloatField(_("y (RD New)"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("residents"))
    # Age groups as CBS counts them, where the data has them.
    aged_0_14 = models.PositiveIntegerField(_("aged 0-14"), null=True, blank=True)
    aged_15_24 = models.PositiveIntegerField(_("aged 15-24"), null=True, blank=True)
    aged_25_44 = models.PositiveIntegerField(_("aged 25-44"), null=True, blank=True)
    aged_45_64 = models.PositiveIntegerField(_("aged 45-64"), null=True, blank=True)
    aged_65_plus = models.PositiveIntegerField(_("aged 65 and over"), null=True, blank=True)

    class Meta:
        verbose_name = _("demand point")
        verbose_name_plural = _("demand points")
        ordering = ["dataset", "code"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "code"], name="demand_dataset_code")
        ]

    def __str__(self) -> str:
        return self.code


class CandidateBuilding(BuildingBase):
    """A building that could house a meeting place: the buildings inventory."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="candidate_buildings",
    )
    dataset = models.ForeignKey(
        Dataset,
        verbose_name=_("dataset"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty for a building entered by hand."),
    )
    code = models.CharField(_("code"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=BuildingKind.choices)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    town = models.CharField(_("town"), max_length=100)
    capacity = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("How many people fit in the room.")
    )
    available = models.CharField(
        _("available"),
        max_length=200,
        blank=True,
        help_text=_("When the building could be used, e.g. weekday mornings."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(
        _("still a candidate"),
        default=True,
        help_text=_("Untick when the building is no longer available."),
    )

    class Meta:
        verbose_name = _("candidate building")
        verbose_name_plural = _("candidate buildings")
        ordering = ["town", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"


class Scenario(models.Model):
    """A siting question asked of the network's candidate buildings, run in the background."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("network"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    method = models.CharField(_("question"), max_length=20, choices=Method.choices)
    new_places = models.PositiveSmallIntegerField(
        _("new places"), null=True, blank=True, help_text=_("k: how many new places to choose.")
    )
    radius_m = models.PositiveIntegerField(_("distance (m)"))
    detour = models.FloatField(_("detour factor"), default=DEFAULT_DETOUR)
    min_openings_per_week = models.FloatField(_("open at least (times a week)"), default=WEEKLY)
    status = models.CharField(
        _("status"), max_length=20, choices=ScenarioStatus.choices, default=ScenarioStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.TextField(_("message"), blank=True)
    # What the run found (analysis.run_scenario's answer as plain JSON).
    result = models.JSONField(_("result"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or self.get_method_display()

    def get_absolute_url(self) -> str:
        return reverse("planning:scenario", args=[self.municipality.slug, self.pk])


class Survey(models.Model):
    """A short public questionnaire for one village: anonymous, no account, no JavaScript."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("network"), on_delete=models.CASCADE, related_name="surveys"
    )
    village = models.CharField(_("village"), max_length=100)
    slug = models.SlugField(_("web address"), unique=True)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A few plain words above the questions.")
    )
    is_open = models.BooleanField(_("open for answers"), default=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)

    class Meta:
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")
        ordering = ["municipality", "village"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "village"], name="survey_village")
        ]

    def __str__(self) -> str:
        return self.village

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.slug])


class SurveyResponse(models.Model):
    """One resident's answers. Anonymous: no name, address, time of day or network address."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField(_("submitted on"))
    # Codes from places.constants.ThemeCode and constants.WantedActivity.
    themes = models.JSONField(_("themes"), default=list, blank=True)
    activities = models.JSONField(_("activities wanted"), default=list, blank=True)
    horizon = models.CharField(_("when needed"), max_length=10, choices=Horizon.choices)
    transport = models.CharField(_("how they would come"), max_length=10, choices=Transport.choices)
    wish = models.TextField(_("anything else"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.survey} {self.submitted_on}"

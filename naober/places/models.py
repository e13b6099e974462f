from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Sqrt
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from naober.schedules.holidays import default_closed_holidays

from . import geo
from .constants import OrganisationKind, PlaceKind, ThemeCode

postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", _("Enter a Dutch postcode such as 9521 AB.")
)


class Provenance(models.Model):
    """Where a fact comes from. Demo data marks what no source document gave as invented."""

    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where this comes from, for example a news article or the place's website."),
    )
    invented = models.BooleanField(
        _("invented"),
        default=False,
        help_text=_("Made up for the demo because no source gave it."),
    )

    class Meta:
        abstract = True


class Theme(models.Model):
    """A question theme from the controlled list in constants.ThemeCode."""

    code = models.CharField(_("code"), max_length=20, choices=ThemeCode.choices, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(ThemeCode(self.code).label)

    @property
    def label(self) -> str:
        return str(self)


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^GM[0-9]{4}$", _("Enter a CBS code such as GM1681."))],
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("guide:overview", args=[self.slug])


class Organisation(Provenance):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        help_text=_("The questions residents can bring to this organisation."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BuildingBase(models.Model):
    """Where a building stands and what makes it usable: shared by the places' buildings and the
    candidate buildings of network planning."""

    latitude = models.FloatField(
        _("latitude"),
        validators=[MinValueValidator(geo.NL_LATITUDE[0]), MaxValueValidator(geo.NL_LATITUDE[1])],
        help_text=_("WGS84, for example 52.953219."),
    )
    longitude = models.FloatField(
        _("longitude"),
        validators=[
            MinValueValidator(geo.NL_LONGITUDE[0]),
            MaxValueValidator(geo.NL_LONGITUDE[1]),
        ],
        help_text=_("WGS84, for example 6.925352."),
    )
    # RD New metres, kept in step with latitude and longitude on save, so the database can
    # order by distance on SQLite and PostgreSQL alike and planning can measure in metres.
    x_rd = models.FloatField(editable=False, default=0)
    y_rd = models.FloatField(editable=False, default=0)

    step_free_entrance = models.BooleanField(_("step-free entrance"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    kitchen = models.BooleanField(_("kitchen"), default=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.x_rd, self.y_rd = geo.to_rd(self.latitude, self.longitude)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        problems = coordinate_errors(self.latitude, self.longitude)
        if problems:
            raise ValidationError(problems)


class Building(Provenance, BuildingBase):
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[postcode_validator])
    town = models.CharField(_("town"), max_length=100)
    computers = models.BooleanField(_("computers"), default=False)
    garden = models.BooleanField(_("garden"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("In plain words, for example: the entrance is at the back, by the car park."),
    )

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["town", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"

    def clean(self) -> None:
        if self.postcode:
            digits, letters = self.postcode.replace(" ", "")[:4], self.postcode.replace(" ", "")[4:]
            self.postcode = f"{digits} {letters.upper()}"
        super().clean()

    def accessibility(self) -> list[str]:
        """The accessibility features this building has, as words for residents."""
        return [
            str(field.verbose_name)
            for field in self._meta.get_fields()
            if field.name in ACCESSIBILITY_FIELDS and getattr(self, field.name)
        ]

    def facilities(self) -> list[str]:
        return [
            str(field.verbose_name)
            for field in self._meta.get_fields()
            if field.name in FACILITY_FIELDS and getattr(self, field.name)
        ]


def coordinate_errors(latitude: float | None, longitude: float | None) -> dict[str, str]:
    """What is wrong with a building's coordinates, per field; empty when they lie in the
    Netherlands. A missing value is left to the field's own "required" check."""
    lat_range, lon_range = geo.NL_LATITUDE, geo.NL_LONGITUDE

    def inside(value: float, bounds: tuple[float, float]) -> bool:
        return bounds[0] <= value <= bounds[1]

    # Swapped is the usual mistake: 6.93, 52.96 instead of 52.96, 6.93.
    if (
        latitude is not None
        and longitude is not None
        and not inside(latitude, lat_range)
        and not inside(longitude, lon_range)
        and inside(latitude, lon_range)
        and inside(longitude, lat_range)
    ):
        return {
            "latitude": _(
                "This looks like a longitude: latitude and longitude seem to be swapped. "
                "In the Netherlands the latitude lies between %(low)s and %(high)s, "
                "for example 52.95."
            )
            % {"low": lat_range[0], "high": lat_range[1]},
            "longitude": _(
                "This looks like a latitude: latitude and longitude seem to be swapped. "
                "In the Netherlands the longitude lies between %(low)s and %(high)s, "
                "for example 6.93."
            )
            % {"low": lon_range[0], "high": lon_range[1]},
        }
    found = {}
    if latitude is not None and not inside(latitude, lat_range):
        found["latitude"] = _(
            "This lies outside the Netherlands: the latitude lies between %(low)s and %(high)s, "
            "for example 52.95."
        ) % {"low": lat_range[0], "high": lat_range[1]}
    if longitude is not None and not inside(longitude, lon_range):
        found["longitude"] = _(
            "This lies outside the Netherlands: the longitude lies between %(low)s and %(high)s, "
            "for example 6.93."
        ) % {"low": lon_range[0], "high": lon_range[1]}
    return found


ACCESSIBILITY_FIELDS = ("step_free_entrance", "accessible_toilet", "hearing_loop", "parking")
FACILITY_FIELDS = ("kitchen", "computers", "garden")


class PlaceQuerySet(models.QuerySet):
    def public(self) -> "PlaceQuerySet":
        return self.filter(is_public=True)

    def with_distance_from(self, x_rd: float, y_rd: float) -> "PlaceQuerySet":
        """Annotate `distance_m` (straight line, metres) and order by it, nearest first."""
        dx = models.F("building__x_rd") - x_rd
        dy = models.F("building__y_rd") - y_rd
        return self.annotate(
            distance_m=Sqrt(
                models.ExpressionWrapper(dx * dx + dy * dy, output_field=models.FloatField())
            )
        ).order_by("distance_m", "name")

    def with_theme(self, theme: str) -> "PlaceQuerySet":
        """Places where a resident can bring a question on this theme: named on the place, on one
        of its organisations, or on a presence rule."""
        return self.filter(
            models.Q(themes__code=theme)
            | models.Q(organisations__themes__code=theme)
            | models.Q(presence_rules__theme__code=theme)
        ).distinct()


class Place(Provenance):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="places"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="places",
    )
    village = models.CharField(
        _("village or neighbourhood"),
        max_length=100,
        help_text=_("As residents call it, for example Nieuw-Buinen or Wolfsbos."),
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("run by"), related_name="places"
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="places",
        help_text=_("Questions residents can bring at every opening."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Short, in plain words (B1).")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    closed_on_holidays = models.JSONField(
        _("closed on public holidays"),
        default=default_closed_holidays,
        blank=True,
        help_text=_("The public holidays on which this place is closed."),
    )
    is_public = models.BooleanField(
        _("shown in the guide"), default=True, help_text=_("Untick to hide it from residents.")
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["municipality__name", "village", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.village})"

    def get_absolute_url(self) -> str:
        return reverse("guide:place", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        # Buildings require coordinates, but rows loaded without validation may lack real ones;
        # a place residents cannot find by distance or on the map is not ready to be shown.
        building = self.building if self.building_id else None
        if building is not None and (
            building.latitude is None
            or building.longitude is None
            or coordinate_errors(building.latitude, building.longitude)
        ):
            raise ValidationError(
                {
                    "building": _(
                        "This building has no coordinates in the Netherlands yet. Correct the "
                        "building first, so residents can find this place on the map."
                    )
                }
            )

"""Small formatting filters for the guide's templates."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def km(metres) -> str:
    """A distance for residents: "1,2 km" (localised), "300 m" under one kilometre."""
    if metres is None or metres == "":
        return ""
    metres = float(metres)
    if metres < 1000:
        return _("%(n)s m") % {"n": max(50, round(metres / 50) * 50)}
    return _("%(n)s km") % {"n": floatformat(metres / 1000, 1)}


@register.filter
def described(field) -> str:
    """The field's widget, tied to its hint and error for screen readers."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hint")
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)

"""Open an admin change page, fill it in like a coordinator, and read back what it says."""

from django.urls import reverse
from django.utils import translation

from .browser import form_data


def in_dutch(message, **params) -> str:
    """A message (its English source string) as the Dutch admin shows it."""
    with translation.override("nl"):
        text = translation.gettext(str(message))
        return text % params if params else text


def place_url(place) -> str:
    with translation.override("nl"):
        return reverse("admin:places_place_change", args=[place.pk])


def open_place(client, place) -> tuple[str, dict[str, list[str]]]:
    """The place's change page URL, and its form as a browser would submit it unchanged."""
    url = place_url(place)
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response, "place_form")


def row(data: dict, prefix: str, pk: int | None = None) -> str:
    """The form prefix of an inline row: the one holding the object with this pk, or the first
    empty row when pk is None."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for index in range(total):
        ids = data.get(f"{prefix}-{index}-id", [""])
        if (pk is None and ids == [""]) or (pk is not None and ids == [str(pk)]):
            return f"{prefix}-{index}"
    raise AssertionError(f"no {prefix} row for {pk}")


def fill(data: dict, prefix: str, **values) -> None:
    for name, value in values.items():
        key = f"{prefix}-{name}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def guide(request) -> dict:
    return {"site_url": settings.SITE_URL, "other_language": other_language(request)}


def other_language(request) -> dict:
    """The same page in the other language, as a plain link: no cookie or JavaScript needed."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    code = "en" if current.startswith("nl") else "nl"
    names = {"nl": "Nederlands", "en": "English"}
    here = request.get_full_path()
    url = translate_url(here, code)
    if url == here:
        # A page that does not resolve (a 404): send them to the other language's home page.
        with translation.override(code):
            url = reverse("guide:home")
    return {"code": code, "name": names[code], "url": url}

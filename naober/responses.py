"""Small HTTP answers shared by the apps' views."""

from django.http import HttpResponseRedirect


def see_other(url: str) -> HttpResponseRedirect:
    """303 See Other after a form post: the browser follows with a GET, so reloading the page it
    lands on never posts the form again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response

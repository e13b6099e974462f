"""naober's URLs plus /bench/bare/, the cheapest page Django can serve through the same
middleware, workers and settings: the yardstick for the guide's pages."""

from django.http import HttpResponse
from django.urls import path

from naober.urls import urlpatterns as naober_urlpatterns


def bare(request):
    return HttpResponse("naober bench: bare view\n", content_type="text/plain")


# naober.urls uses i18n_patterns, which Django does not allow inside include(): extend the list.
urlpatterns = [path("bench/bare/", bare), *naober_urlpatterns]

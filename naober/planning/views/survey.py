"""The public needs survey: one short form per village, anonymous, works without JavaScript.

The form posts back to its own page; a good answer is stored by surveys.submit and the browser is
sent on to the thanks page (303), so reloading sends nothing twice. Posts count against
NAOBER_SIGNUP_RATE per client address, as public sign-ups do: a form without JavaScript has no
other guard against someone filling the survey by the thousand.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from naober.responses import see_other

from .. import surveys
from ..models import Survey
from ..survey_forms import SurveyForm


def _survey(slug: str) -> Survey:
    return get_object_or_404(Survey.objects.select_related("municipality"), slug=slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, slug):
    found = _survey(slug)
    if not surveys.is_open(found):
        # A closed survey takes nothing, also from a form that was opened before it closed.
        return render(request, "planning/survey_closed.html", {"survey": found})
    status = 200
    if request.method == "POST":
        if _too_many(request):
            return render(request, "planning/survey_too_many.html", {"survey": found}, status=429)
        form = SurveyForm(request.POST)
        if form.is_valid():
            surveys.submit(found, form.cleaned_data)
            return see_other(reverse("surveys:thanks", args=[found.slug]))
        status = 400
    else:
        form = SurveyForm()
    return render(request, "planning/survey.html", {"survey": found, "form": form}, status=status)


@require_safe
def thanks(request, slug):
    return render(request, "planning/survey_thanks.html", {"survey": _survey(slug)})


def _too_many(request) -> bool:
    return is_ratelimited(
        request,
        group="planning.survey",
        key="ip",
        rate=settings.NAOBER_SIGNUP_RATE,
        increment=True,
    )

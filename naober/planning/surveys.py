"""The needs survey: taking an answer in, and the results per village and theme.

A resident's answer is anonymous: `submit` stores the codes they ticked and the date, nothing
that says who or when exactly. `results` counts the answers per village for the policy maker's
pages, in two queries however many villages and answers there are.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from naober.places.constants import ThemeCode
from naober.places.models import Municipality

from .constants import Horizon, Transport, WantedActivity
from .models import Survey, SurveyResponse


@dataclass(frozen=True)
class VillageResults:
    """What one village's residents answered: labels in the active language with their counts,
    the most chosen first; answers nobody chose are left out."""

    village: str
    survey: Survey
    responses: int
    themes: list[tuple[str, int]]
    activities: list[tuple[str, int]]
    horizons: list[tuple[str, int]]
    transport: list[tuple[str, int]]


def is_open(survey: Survey, today: date | None = None) -> bool:
    """Whether the survey takes answers: switched on, and its closing day (if any) not passed."""
    today = today or timezone.localdate()
    if not survey.is_open:
        return False
    return survey.closes_on is None or today <= survey.closes_on


def submit(survey: Survey, cleaned_data: dict, today: date | None = None) -> SurveyResponse:
    """Store one resident's answers (as cleaned by survey_forms.SurveyForm) with only the date."""
    today = today or timezone.localdate()
    with transaction.atomic():
        return SurveyResponse.objects.create(
            survey=survey,
            submitted_on=today,
            themes=sorted(set(cleaned_data.get("themes") or [])),
            activities=sorted(set(cleaned_data.get("activities") or [])),
            horizon=cleaned_data["horizon"],
            transport=cleaned_data["transport"],
            wish=(cleaned_data.get("wish") or "").strip(),
        )


def _counted(codes: Iterable[str], choices: type) -> list[tuple[str, int]]:
    """(label, count) for the known codes, most chosen first, then by label; unknown codes (a
    choice removed since) and zero counts are left out."""
    labels = dict(choices.choices)
    counts = Counter(code for code in codes if code in labels)
    rows = [(str(labels[code]), n) for code, n in counts.items() if n]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def results(municipality: Municipality) -> list[VillageResults]:
    """The answers per village of the network's surveys, in the order of the villages. A survey
    without answers is listed with 0 responses. Two queries: surveys, then the answers' codes."""
    surveys = list(Survey.objects.filter(municipality=municipality).order_by("village"))
    answers: dict[int, list[dict]] = {survey.pk: [] for survey in surveys}
    rows = SurveyResponse.objects.filter(survey__municipality=municipality).values(
        "survey_id", "themes", "activities", "horizon", "transport"
    )
    for row in rows:
        answers.setdefault(row["survey_id"], []).append(row)
    village_results = []
    for survey in surveys:
        given = answers[survey.pk]
        village_results.append(
            VillageResults(
                village=survey.village,
                survey=survey,
                responses=len(given),
                themes=_counted((c for a in given for c in a["themes"] or []), ThemeCode),
                activities=_counted(
                    (c for a in given for c in a["activities"] or []), WantedActivity
                ),
                horizons=_counted((a["horizon"] for a in given), Horizon),
                transport=_counted((a["transport"] for a in given), Transport),
            )
        )
    return village_results

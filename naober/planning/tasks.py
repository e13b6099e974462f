"""Running a siting scenario in the background (Django tasks framework via django-tasks, stored by
django-tasks-db): the policy maker's page asks for it and shows the progress while it runs.

The queue holds the scenario's id only. The task takes a QUEUED scenario to RUNNING, saves the
stages of analysis.run_scenario on it (progress 0..100 and the stage in words), and ends it DONE
with the result or FAILED with a message; an unexpected error is logged and the scenario FAILED,
never left RUNNING.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from naober.places.models import Municipality

from . import analysis
from .constants import ScenarioStatus
from .models import Scenario

logger = logging.getLogger(__name__)


def start_scenario(
    municipality: Municipality,
    *,
    method: str,
    new_places: int | None,
    radius_m: int,
    detour: float,
    min_openings_per_week: float,
    name: str = "",
    by=None,
) -> Scenario:
    """A new scenario, QUEUED, with its run queued once it is saved."""
    scenario = Scenario.objects.create(
        municipality=municipality,
        name=name,
        method=method,
        new_places=new_places,
        radius_m=radius_m,
        detour=detour,
        min_openings_per_week=min_openings_per_week,
        status=ScenarioStatus.QUEUED,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: _enqueue(scenario.pk))
    return scenario


def _enqueue(scenario_id: int) -> None:
    try:
        run_scenario_task.enqueue(scenario_id)
    except Exception:
        logger.exception("Could not queue scenario %s.", scenario_id)
        Scenario.objects.filter(pk=scenario_id, status=ScenarioStatus.QUEUED).update(
            status=ScenarioStatus.FAILED,
            message=_("The scenario could not be queued. Try again later."),
            finished_at=timezone.now(),
        )


@task()
def run_scenario_task(scenario_id: int) -> str:
    """Run the scenario; its status when done."""
    # Claim the scenario: a second task for the same one finds it taken and does nothing.
    claimed = Scenario.objects.filter(pk=scenario_id, status=ScenarioStatus.QUEUED).update(
        status=ScenarioStatus.RUNNING, progress=0, message=""
    )
    if not claimed:
        return ""
    scenario = Scenario.objects.select_related("municipality").get(pk=scenario_id)
    try:
        result = analysis.run_scenario(scenario, progress=_progress(scenario_id))
    except (ValueError, analysis.NoData) as problem:
        _finish(scenario_id, ScenarioStatus.FAILED, message=str(problem))
        return ScenarioStatus.FAILED
    except Exception:
        logger.exception("Could not run scenario %s.", scenario_id)
        _finish(
            scenario_id,
            ScenarioStatus.FAILED,
            message=_(
                "Something went wrong while running the scenario. Try again; if it happens "
                "again, tell the administrator."
            ),
        )
        return ScenarioStatus.FAILED
    _finish(scenario_id, ScenarioStatus.DONE, result=result, progress=100)
    return ScenarioStatus.DONE


def _finish(scenario_id: int, status: str, **values) -> None:
    values.setdefault("message", "")
    Scenario.objects.filter(pk=scenario_id).update(
        status=status, finished_at=timezone.now(), **values
    )


def _progress(scenario_id: int):
    """progress(percent, words) for run_scenario: saved on the scenario while it runs. The
    stages are few (four), so each one is saved."""

    def progress(percent: int, words: str) -> None:
        try:
            Scenario.objects.filter(pk=scenario_id, status=ScenarioStatus.RUNNING).update(
                progress=max(0, min(100, int(percent))), message=str(words)
            )
        except Exception:
            # A progress bar that sticks is better than a scenario that is not run.
            logger.warning(
                "Could not save the progress of scenario %s.", scenario_id, exc_info=True
            )

    return progress

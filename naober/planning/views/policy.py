"""The policy maker's pages: coverage map and tables, scenarios, exports, the printable report.

For coordinators and policy makers of the network (accounts.access.planning_network); a network
they do not plan for answers 404. Thin views: the figures come from analysis.py.
"""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("not built yet")


index = overview = report = buildings = export_demand = _todo
scenario_new = scenario = scenario_progress = export_scenario = _todo

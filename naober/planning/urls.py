from django.urls import path

from .views import policy

app_name = "planning"

urlpatterns = [
    path("planning/", policy.index, name="index"),
    path("planning/<slug:slug>/", policy.overview, name="overview"),
    path("planning/<slug:slug>/rapport/", policy.report, name="report"),
    path("planning/<slug:slug>/gebouwen/", policy.buildings, name="buildings"),
    path(
        "planning/<slug:slug>/export/inwoners.<str:fmt>",
        policy.export_demand,
        name="export_demand",
    ),
    path("planning/<slug:slug>/scenario/nieuw/", policy.scenario_new, name="scenario_new"),
    path("planning/<slug:slug>/scenario/<int:pk>/", policy.scenario, name="scenario"),
    path(
        "planning/<slug:slug>/scenario/<int:pk>/voortgang.json",
        policy.scenario_progress,
        name="scenario_progress",
    ),
    path(
        "planning/<slug:slug>/scenario/<int:pk>/export.<str:fmt>",
        policy.export_scenario,
        name="export_scenario",
    ),
]

from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.home, name="home"),
    path("plek/<slug:slug>/", views.place, name="place"),
    path("plek/<slug:slug>/agenda.ics", views.place_calendar, name="place_calendar"),
    path("gemeente/<slug:slug>/", views.overview, name="overview"),
    path(
        "gemeente/<slug:slug>/agenda.ics", views.municipality_calendar, name="municipality_calendar"
    ),
]

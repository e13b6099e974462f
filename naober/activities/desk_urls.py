"""The host's side of activities: staff pages, in their own namespace beside the desk's."""

from django.urls import path

from .views import desk

app_name = "activity_desk"
urlpatterns = [
    path("balie/<slug:slug>/activiteiten/", desk.sessions, name="sessions"),
    path("balie/sessie/<int:pk>/", desk.attendance, name="attendance"),
    path("balie/sessie/<int:pk>/aanwezig/", desk.mark, name="mark"),
    path("balie/sessie/<int:pk>/aanmelden/", desk.sign_up, name="sign_up"),
    path("balie/aanmelding/<int:pk>/afmelden/", desk.cancel, name="cancel"),
    path("balie/aanmelding/<int:pk>/bevestigen/", desk.confirm, name="confirm"),
]

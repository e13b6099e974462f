from django.urls import path

from .views import public

app_name = "activities"
urlpatterns = [
    path("activiteiten/", public.activities, name="list"),
    path("activiteit/<int:pk>/", public.activity, name="activity"),
    path("sessie/<int:pk>/aanmelden/", public.sign_up, name="sign_up"),
    path("aanmelding/<str:token>/", public.signup, name="signup"),
    path("aanmelding/<str:token>/afmelden/", public.cancel, name="cancel"),
    path("aanmelding/<str:token>/bevestigen/", public.confirm, name="confirm"),
    path("plek/<slug:slug>/activiteiten.ics", public.place_calendar, name="place_calendar"),
]

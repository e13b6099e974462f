from django.urls import path

from .views import survey

app_name = "surveys"

# Public: anonymous, no account, no JavaScript.
urlpatterns = [
    path("enquete/<slug:slug>/", survey.survey, name="survey"),
    path("enquete/<slug:slug>/bedankt/", survey.thanks, name="thanks"),
]

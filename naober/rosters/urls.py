from django.urls import path

from .views import coordinator, mine

app_name = "rosters"

urlpatterns = [
    # Self-service for staff and volunteers (views/mine.py).
    path("rooster/", mine.my_shifts, name="mine"),
    path("rooster/dienst/<int:pk>/weggeven/", mine.give_away, name="give_away"),
    path("rooster/dienst/<int:pk>/nemen/", mine.take, name="take"),
    path("rooster/dienst/<int:pk>/ruilen/", mine.swap, name="swap"),
    path("rooster/dienst/<int:pk>/antwoord/", mine.answer_ask, name="answer_ask"),
    path("rooster/wijziging/<int:pk>/antwoord/", mine.answer_swap, name="answer_swap"),
    path("rooster/wijziging/<int:pk>/intrekken/", mine.withdraw, name="withdraw"),
    path("rooster/agenda/<str:token>.ics", mine.feed, name="feed"),
    # The coordinator's pages (views/coordinator.py).
    path("rooster/netwerk/<slug:slug>/", coordinator.rosters, name="rosters"),
    path("rooster/netwerk/<slug:slug>/maken/", coordinator.generate, name="generate"),
    path("rooster/netwerk/<slug:slug>/wijzigingen/", coordinator.changes, name="changes"),
    path("rooster/netwerk/<slug:slug>/afwezig/", coordinator.absence, name="absence"),
    path("rooster/<int:pk>/", coordinator.roster, name="roster"),
    path("rooster/<int:pk>/publiceren/", coordinator.publish, name="publish"),
    path("rooster/toewijzing/<int:pk>/afmelden/", coordinator.cancel, name="cancel"),
    path("rooster/wijziging/<int:pk>/besluit/", coordinator.decide, name="decide"),
]

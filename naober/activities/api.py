"""Activities in the JSON API: the public list and sessions, signing up and cancelling (public,
rate-limited), and the attendance list (staff)."""

from ninja import Router

activities_router = Router(tags=["activities"])
sessions_router = Router(tags=["activities"])
signups_router = Router(tags=["activities"])

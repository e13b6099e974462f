from django.conf import settings


def guide(request) -> dict:
    return {"site_url": settings.SITE_URL}

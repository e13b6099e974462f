import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def coordinator(db):
    """The coordinator at Andes, who keeps places and openings up to date."""
    return get_user_model().objects.create_superuser(
        username="coordinator", email="coordinator@andes.example", password="not-used-here"
    )


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # The manifest storage needs `collectstatic` first; these tests do not care about hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

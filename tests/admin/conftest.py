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

import pytest
from django.contrib.auth import get_user_model

from tests.staff import login


@pytest.fixture
def coordinator(db):
    """The coordinator at Andes, who keeps places and openings up to date."""
    return get_user_model().objects.create_superuser(
        username="coordinator", email="coordinator@andes.example", password="not-used-here"
    )


@pytest.fixture
def staff(client, coordinator):
    """Logged in as the admin asks: password and second factor."""
    return login(client, coordinator)

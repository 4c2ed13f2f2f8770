"""The search tests write many threads and posts through the services: their rate limits are lifted."""

import pytest


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATE_LIMITS = {"threads": "100000/minute", "posts": "100000/minute"}


@pytest.fixture
def scene(db):
    """See ``scene.make_scene``."""
    from .scene import make_scene

    return make_scene()

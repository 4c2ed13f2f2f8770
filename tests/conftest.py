import os
import uuid

import pytest

from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_or_skip(reason: str):
    """Skip a test whose service is absent — or fail it when CI says every service must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Every test gets its own cache namespace (rate limits, throttles) without flushing a shared Redis
    database, which would also drop the broker's queue bindings under a running worker."""
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches


@pytest.fixture
def user(db):
    return UserFactory(email="anna@example.org", handle="anna", display_name="Anna Berg")

import pytest

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

# Test events, registered the way a domain app registers its own.
registry.category_register(Category("test-now", "Test: immediately", default=EmailMode.IMMEDIATELY))
registry.category_register(Category("test-digest", "Test: in the digest", default=EmailMode.DIGEST))
registry.event_register(EventType("test.now", "test-now", "did something urgent"))
registry.event_register(EventType("test.digest", "test-digest", "did something"))


@pytest.fixture
def people(db):
    from tests.factories import UserFactory

    return UserFactory.create_batch(3)

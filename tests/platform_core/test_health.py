import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def test_healthz_reports_every_dependency_ok(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {body["database"], body["cache"], body["broker"]} == {"ok"}


def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"].startswith("error")
    assert body["database"] == "ok"


def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_healthz_shows_when_the_worker_was_last_seen(client):
    from platform_core.tasks import heartbeat

    heartbeat()  # the task's function, as beat would have the worker run it

    body = client.get(reverse("healthz")).json()

    assert "worker_last_seen" in body


def test_the_node_check_asks_only_the_database_so_a_redis_outage_keeps_nodes_in_rotation(client, settings):
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    assert client.get(reverse("healthz")).status_code == 503
    response = client.get(reverse("healthz-node"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_behind_one_proxy_the_client_address_is_the_one_the_proxy_added(rf, settings):
    from allauth.account.adapter import get_adapter

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # A client may send its own X-Forwarded-For; the proxy appends the address it saw.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")

    assert get_adapter().get_client_ip(request) == "203.0.113.7"

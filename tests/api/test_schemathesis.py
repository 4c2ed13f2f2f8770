"""Every operation of the OpenAPI schema, driven by schemathesis against the WSGI app, as a participant of an
arena with content and as anonymous: no server error, and every response (status code, content type, body) is
the one the schema documents. Deterministic (derandomised Hypothesis, bounded examples per operation).

Run alone with ``pytest -m fuzz``.
"""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.prototypes.services.evidence import indicator_create
from arenas.prototypes.services.prototypes import prototype_create
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_create
from tests.arenas.api_helpers import auth
from tests.factories import ArenaFactory, MembershipFactory

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db):
    """The schema as the app serves it; the app called in-process, in the test's transaction (as Django's
    test client does, the connection is not closed at the end of each request)."""
    from cocreate.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(db):
    """An open arena with a thread, a post, a prototype with an indicator, a session the participant
    registered for; the participant belongs to it."""
    arena = ArenaFactory(slug="fuzz-arena")
    convener = MembershipFactory(arena=arena, role=Role.CONVENER).user
    participant = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    thread = thread_create(
        arena=arena, author=convener, title="Crossing", body="Where?", notify_members=False
    )
    post = post_create(thread=thread, author=convener, body="At the school.")
    prototype = prototype_create(arena=arena, creator=convener, title="Lollipop", hypothesis="Safer")
    indicator = indicator_create(prototype=prototype, actor=convener, name="Cars", baseline=10, target=5)
    starts = timezone.now() + timedelta(days=2)
    session = session_create(
        arena=arena,
        actor=convener,
        title="Walk the crossings",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=2,
        place="The school",
        announce=False,
    )
    registration_create(session=session, user=participant)
    real = {
        "slug": arena.slug,
        "thread_id": thread.pk,
        "post_id": post.pk,
        "prototype_id": prototype.pk,
        "indicator_id": indicator.pk,
        "session_id": session.pk,
        "number": 1,
    }
    return participant, real


HYPOTHESIS = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _call(case, headers, real):
    case.call_and_validate(headers=headers, checks=CHECKS)
    # The same input on the objects that exist, so fuzzed bodies reach the validation behind the 404s.
    if case.path_parameters:
        known = {name: real.get(name, value) for name, value in case.path_parameters.items()}
        if known != case.path_parameters:
            case.path_parameters = known
            case.call_and_validate(headers=headers, checks=CHECKS)


def _drive(api_schema, headers, real) -> list[str]:
    """Every operation, with valid and with invalid input; the failures, one line each."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:

            @HYPOTHESIS
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                _call(case, headers, real)

            try:
                run()
            except Unsatisfiable:  # nothing invalid to send (no parameters): the valid run covers it
                continue
            except Exception as error:
                first = str(error).strip().splitlines()[:8]
                failures.append(f"{operation.label} ({mode.value}): " + " | ".join(first))
    return failures


def test_every_operation_answers_a_participant_as_documented(api_schema, world):
    participant, real = world
    failures = _drive(api_schema, {"Authorization": auth(participant)["HTTP_AUTHORIZATION"]}, real)
    assert not failures, "\n".join(failures)


def test_every_operation_answers_anonymous_as_documented(api_schema, world):
    _participant, real = world
    failures = _drive(api_schema, {}, real)
    assert not failures, "\n".join(failures)

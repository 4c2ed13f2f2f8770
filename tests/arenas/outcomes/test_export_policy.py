"""Who may download an arena's open data (page, zip, JSON), for every role and visibility: a public
arena's for anyone; a restricted or private one's for facilitators and up. A private arena is a 404 to
those who may not see it; a refused visitor who is signed out signs in first (pages) or gets 401 (API);
everyone else refused gets 403 with the policy's sentence. Non-public downloads are audited."""

import pytest
from django.utils.html import escape

from arenas.models import Arena
from arenas.outcomes.rules import FACILITATORS_SEE
from platform_core.audit.models import AuditEntry
from tests.arenas.pages_helpers import ROLES, make_arena, make_people, sign_in

from .export_helpers import json_url, page_url, zip_url

pytestmark = pytest.mark.django_db

OK, SIGN_IN, REFUSED, HIDDEN = "ok", "sign in", "refused", "hidden"
STAFF = {"facilitator": OK, "convener": OK, "org_admin": OK, "site_admin": OK}
EXPECTED = {
    "public": dict.fromkeys(ROLES, OK),
    "restricted": {"anonymous": SIGN_IN, "outsider": REFUSED, "participant": REFUSED, **STAFF},
    "private": {"anonymous": HIDDEN, "outsider": HIDDEN, "participant": REFUSED, **STAFF},
}
PAGE_STATUS = {OK: 200, SIGN_IN: 302, REFUSED: 403, HIDDEN: 404}
API_STATUS = {OK: 200, SIGN_IN: 401, REFUSED: 403, HIDDEN: 404}


@pytest.fixture
def people():
    people = make_people()
    people.arenas = {v: make_arena(people, visibility=v, slug=f"routes-{v}") for v in EXPECTED}
    return people


@pytest.mark.parametrize("visibility", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_page_zip_and_json_answer_as_the_policy_says(client, people, visibility, role):
    arena = people.arenas[visibility]
    sign_in(client, getattr(people, role))
    expected = EXPECTED[visibility][role]

    page, archive, data = client.get(page_url(arena)), client.get(zip_url(arena)), client.get(json_url(arena))

    assert (page.status_code, archive.status_code, data.status_code) == (
        PAGE_STATUS[expected],
        PAGE_STATUS[expected],
        API_STATUS[expected],
    )
    if expected == SIGN_IN:
        assert page["Location"].startswith("/accounts/login/")
    if expected == REFUSED:
        assert escape(str(FACILITATORS_SEE)) in page.content.decode()
        assert data.json()["error"]["message"] == str(FACILITATORS_SEE)
    if expected == HIDDEN:
        assert data.json()["error"]["code"] == "not_found"


def test_a_restricted_arenas_download_is_audited_with_its_format(client, people):
    arena = people.arenas[Arena.Visibility.RESTRICTED]
    sign_in(client, people.facilitator)

    b"".join(client.get(zip_url(arena)).streaming_content)
    b"".join(client.get(json_url(arena)).streaming_content)

    entries = AuditEntry.objects.filter(action="arena.exported", group_key=arena.group_key).order_by("id")
    assert [(e.actor, e.details) for e in entries] == [
        (people.facilitator, {"format": "zip"}),
        (people.facilitator, {"format": "json"}),
    ]
    assert entries[0].target_id == str(arena.pk)


def test_the_audit_log_says_it_in_plain_words(client, people):
    arena = people.arenas[Arena.Visibility.PRIVATE]
    sign_in(client, people.convener)
    client.get(zip_url(arena))

    log = client.get(f"/arenas/{arena.slug}/audit/").content.decode()

    assert escape("downloaded the arena's open data") in log


def test_a_public_arenas_download_is_not_audited_and_neither_is_looking_at_the_page(client, people):
    sign_in(client, people.facilitator)

    client.get(zip_url(people.arenas[Arena.Visibility.PUBLIC]))
    client.get(json_url(people.arenas[Arena.Visibility.PUBLIC]))
    client.get(page_url(people.arenas[Arena.Visibility.PRIVATE]))

    assert not AuditEntry.objects.filter(action="arena.exported").exists()


def test_a_refused_download_is_not_audited(client, people):
    sign_in(client, people.participant)

    client.get(zip_url(people.arenas[Arena.Visibility.PRIVATE]))

    assert not AuditEntry.objects.filter(action="arena.exported").exists()

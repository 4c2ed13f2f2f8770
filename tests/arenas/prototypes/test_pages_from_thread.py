"""Starting a prototype from a thread: the thread page's link opens the form with the thread's title in the
title field and the thread ticked as its source; a thread the viewer may not see (another arena's, a private
arena's) is ignored — its title never reaches the page."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from arenas.deliberation.models import Thread
from arenas.deliberation.services.threads import thread_create
from arenas.prototypes.models import Prototype

from .pages_helpers import html, sign_in, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def create_url(arena) -> str:
    return reverse("prototypes:create", args=[arena.slug])


def test_the_thread_page_link_opens_the_form_with_the_title_and_the_source(client, people):
    arena = people.public.arena
    thread = thread_create(arena=arena, author=people.participant, title="Bike train on Fridays", kind="idea")
    sign_in(client, people.participant)

    thread_page = client.get(reverse("deliberation:thread", args=[arena.slug, thread.pk]))
    link = f"/arenas/{arena.slug}/prototypes/new/?thread={thread.pk}"
    assertContains(thread_page, f'href="{link}"')
    form = client.get(link)

    assertContains(form, 'name="title" value="Bike train on Fridays"')
    assertContains(form, f'value="{thread.pk}" class="form-check-input" id="id_source_threads_0" checked')
    assert html(form).count(" checked") == 1
    assertContains(form, "It will come from the thread “Bike train on Fridays”")

    created = client.post(
        link.split("?")[0],
        {"title": "Bike train on Fridays", "hypothesis": "We believe …", "source_threads": [str(thread.pk)]},
    )
    prototype = Prototype.objects.get(title="Bike train on Fridays")
    assert created["Location"] == prototype.get_absolute_url()
    assert list(prototype.source_threads.all()) == [thread]


@pytest.mark.parametrize("viewer", ["participant", "outsider_member"])
def test_a_thread_of_a_private_arena_is_ignored_and_its_title_does_not_leak(client, people, viewer):
    """The private arena's thread, asked for on the public arena's form: by a member of both, and by
    someone who belongs to the public arena only."""
    Thread.objects.filter(pk=people.private.thread.pk).update(title="Secret budget cuts")
    user = people.participant
    if viewer == "outsider_member":
        from arenas.models import Role
        from tests.factories import MembershipFactory

        user = people.outsider
        MembershipFactory(arena=people.public.arena, user=user, role=Role.PARTICIPANT)
    sign_in(client, user)

    response = client.get(create_url(people.public.arena) + f"?thread={people.private.thread.pk}")

    assert response.status_code == 200
    assertNotContains(response, "Secret budget cuts")
    assertNotContains(response, "It will come from the thread")
    assertNotContains(response, " checked")
    assertContains(response, 'name="title"')
    assertNotContains(response, 'name="title" value=')


@pytest.mark.parametrize("value", ["999999", "abc", "", "-1"])
def test_a_thread_parameter_that_names_no_thread_here_is_ignored(client, people, value):
    sign_in(client, people.participant)

    response = client.get(create_url(people.public.arena) + f"?thread={value}")

    assert response.status_code == 200
    assertNotContains(response, "It will come from the thread")
    assertNotContains(response, 'name="title" value=')

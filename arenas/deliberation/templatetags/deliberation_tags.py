from django import template
from django.middleware.csrf import get_token
from django.urls import reverse

from ..rendering import PostContext, endorse_button, labels, post_article, post_tree
from ..rules import PostPermissions

register = template.Library()


def _post_context(context) -> PostContext:
    """Built once per rendering of a page (cached in the render context): one ``reverse`` of the thread,
    the labels translated once, and the policy's answers for the viewer (``PostPermissions``)."""
    cached = context.render_context.get("deliberation_post_context")
    if cached is None:
        arena, thread = context["arena"], context["thread"]
        request = context.get("request")
        viewer = getattr(request, "user", None)
        thread.arena = arena
        cached = PostContext(
            thread_url=reverse("deliberation:thread", args=[arena.slug, thread.pk]),
            order=context.get("order") or "oldest",
            permissions=context.get("post_permissions") or PostPermissions(viewer, thread),
            endorsed=frozenset(context.get("endorsed") or ()),
            csrf_token=get_token(request) if request is not None else "",
            labels=labels(),
        )
        context.render_context["deliberation_post_context"] = cached
    return cached


@register.simple_tag(takes_context=True)
def render_post_tree(context, post):
    return post_tree(post, _post_context(context))


@register.simple_tag(takes_context=True)
def render_post_article(context, post):
    return post_article(post, _post_context(context))


@register.simple_tag(takes_context=True)
def render_endorse_button(context, post):
    return endorse_button(post, _post_context(context))

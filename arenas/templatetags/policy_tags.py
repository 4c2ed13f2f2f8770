"""Templates ask the one policy, never compare roles: ``{% can "arenas.ban_member" member as may_ban %}``
(the viewer is the request's user). And a part's panel: ``{% render_panel panel %}``."""

from django import template

from arenas.policy import can as policy_can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, permission, obj):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return policy_can(user, permission, obj)


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """A part's panel, with the page's context and the panel's own on top."""
    chosen = context.template.engine.get_template(panel["template"])
    with context.push(**panel["context"]):
        return chosen.render(context)

from django import template

from ..settings_pages import settings_pages_in_order

register = template.Library()


@register.simple_tag
def settings_pages():
    """The settings pages other apps registered (``settings_page_register``)."""
    return settings_pages_in_order()

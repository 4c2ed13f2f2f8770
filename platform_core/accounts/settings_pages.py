"""Pages other apps add to the settings menu (the arena domain's calendar feed, say): registered in their
``AppConfig.ready()``, so the accounts app links to them without knowing them."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SettingsPage:
    url_name: str
    label: str | Promise
    order: int = 100


settings_pages: dict[str, SettingsPage] = {}


def settings_page_register(page: SettingsPage) -> SettingsPage:
    settings_pages[page.url_name] = page
    return page


def settings_pages_in_order() -> list[SettingsPage]:
    return sorted(settings_pages.values(), key=lambda page: (page.order, page.url_name))

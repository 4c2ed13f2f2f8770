"""Danish for strings this branch adds, until the Danish catalogue (locale/) is merged with them.

``danish_catalogue`` puts them into the loaded Danish translation for one test, where the catalogue does
not have them yet; once it does, the catalogue's own translation is used and the test checks that."""

from contextlib import contextmanager

from django.utils.translation import trans_real

NEW_STRINGS = {
    "You are posting very fast. You can post again in %(wait)s.": (
        "Du skriver meget hurtigt. Du kan skrive igen om %(wait)s."
    ),
    "You have started many threads in a short time. You can start another in %(wait)s.": (
        "Du har startet mange tråde på kort tid. Du kan starte en ny om %(wait)s."
    ),
    "Too many failed sign-in attempts. You can try again in %(wait)s.": (
        "For mange mislykkede forsøg på at logge ind. Du kan prøve igen om %(wait)s."
    ),
    ("%(count)s second", 0): "%(count)s sekund",
    ("%(count)s second", 1): "%(count)s sekunder",
    ("%(count)s minute", 0): "%(count)s minut",
    ("%(count)s minute", 1): "%(count)s minutter",
}


@contextmanager
def danish_catalogue():
    catalog = trans_real.translation("da")._catalog
    added = [key for key in NEW_STRINGS if key not in catalog]
    for key in added:
        catalog[key] = NEW_STRINGS[key]
    try:
        yield
    finally:
        for key in added:
            for table in catalog._catalogs:
                table.pop(key, None)

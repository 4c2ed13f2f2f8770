"""The registries of the prototype that other parts fill from their ``AppConfig.ready()``: the prototype
page's own panels (its side column; sessions adds "From session"), ``context(request=..., obj=prototype)``;
and what a new prototype can come from besides threads (``ThreadSource`` items: sessions adds
``session``), named by an id in the create request and attached inside ``prototype_create``."""

from arenas.parts import Registry

prototype_panels = Registry()
prototype_sources = Registry()

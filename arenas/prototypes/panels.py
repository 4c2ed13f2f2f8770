"""The registry of the prototype page's own panels (its side column), which other parts fill from their
``AppConfig.ready()`` (sessions adds "From session"): ``context(request=..., obj=prototype)``."""

from arenas.parts import Registry

prototype_panels = Registry()

"""The decisions' half of the outcomes page."""


def decisions_context(request, arena) -> dict:
    return {}

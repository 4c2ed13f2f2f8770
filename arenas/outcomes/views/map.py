"""The stakeholder map's half of the outcomes page."""


def map_context(request, arena) -> dict:
    return {}

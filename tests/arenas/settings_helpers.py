"""URLs and form data for the settings page tests: the settings page's URLs, an arena's phases in order,
and the edit form and the phases formset as the browser posts them."""


def settings_of(arena, part=""):
    return f"/arenas/{arena.slug}/settings/{part}"


def phase_names(arena):
    return list(arena.phases.order_by("order").values_list("name", flat=True))


def edit_data(**overrides):
    return {
        "title": "Safe routes to school",
        "problem_statement": "Too many **cars** at the gate.",
        "goals": "Half the cars by spring.",
        "scope": "Northbridge east and west",
        "visibility": "restricted",
        "topics": "Mobility, Safety",
        **overrides,
    }


def phases_data(arena, rows, *, extra_rows=0):
    """The formset as the browser posts it; ``rows``: (phase or None, name, position, delete, start, end)."""
    data = {
        "phases-TOTAL_FORMS": str(len(rows) + extra_rows),
        "phases-INITIAL_FORMS": str(sum(1 for row in rows if row[0] is not None)),
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
    }
    for i, (phase, name, position, delete, start, end) in enumerate(rows):
        data.update(
            {
                f"phases-{i}-id": phase.pk if phase else "",
                f"phases-{i}-name": name,
                f"phases-{i}-description": "",
                f"phases-{i}-ORDER": position,
                f"phases-{i}-start_date": start or "",
                f"phases-{i}-end_date": end or "",
            }
        )
        if delete:
            data[f"phases-{i}-DELETE"] = "on"
    return data


def current_rows(arena):
    return [(p, p.name, n, False, None, None) for n, p in enumerate(arena.phases.order_by("order"), start=1)]

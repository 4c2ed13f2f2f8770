"""What a list of invitations may call a role or a stakeholder type: its code (``participant``) or the name
the interface shows for it (``Participant``, ``Deltager``) in any of the site's languages, in any case and
with any space around it. The names come from the model's choices through the translation catalogue, so a
new choice or a new language is accepted without a list to keep here."""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation

from ..models import Role, StakeholderType

TEMPLATE_HEADER = ["email", "role", "stakeholder_type"]
TEMPLATE_EXAMPLE_EMAIL = "anna.jensen@example.org"


@dataclass(frozen=True)
class AcceptedValue:
    code: str
    label: str  # the name in the active language
    labels: tuple[tuple[str, str], ...]  # (language code, the name in that language), in LANGUAGES' order


def spelling_key(text: str) -> str:
    """One key for every way of writing the same value: ``Service user``, `` service_user``, ``SERVICE
    USER`` and ``Service-user`` are the same; so are a non-breaking and an ordinary space."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def accepted_values(choices: type[TextChoices], codes: list[str] | None = None) -> list[AcceptedValue]:
    """The choices (only ``codes``, when given; in the choices' order) with their name in each language."""
    wanted = [(code, label) for code, label in choices.choices if codes is None or code in codes]
    names: dict[str, list[tuple[str, str]]] = {code: [] for code, _label in wanted}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in wanted:
                names[code].append((language, str(label)))
    return [AcceptedValue(code, str(label), tuple(names[code])) for code, label in wanted]


def spellings(choices: type[TextChoices]) -> dict[str, str]:
    """Every accepted spelling's key (``spelling_key``) → the code it means. Codes come first: a name in
    some language that happened to spell another choice's code would not take it over."""
    found: dict[str, str] = {}
    for value in accepted_values(choices):
        for _language, label in value.labels:
            found.setdefault(spelling_key(label), value.code)
    found.update({spelling_key(code): code for code in choices.values})
    return found


def code_for(text: str, known: dict[str, str], default: str) -> str:
    """The code ``text`` names (``default`` when it is empty), or ``text`` as written when it names none,
    so that the report can say what was not understood."""
    text = text.strip()
    if not text:
        return default
    return known.get(spelling_key(text), text)


def accepted_list(values: list[AcceptedValue]) -> str:
    """``participant (Participant), observer (Observer)``: for a message naming what may be written."""
    return ", ".join(f"{value.code} ({value.label})" for value in values)


def invitation_template_rows() -> list[list[str]]:
    """A template for a list of invitations: the header and one example, named in the active language."""
    return [
        TEMPLATE_HEADER,
        [TEMPLATE_EXAMPLE_EMAIL, str(Role.PARTICIPANT.label), str(StakeholderType.RESIDENT.label)],
    ]

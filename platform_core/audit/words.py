"""What each audit action is, in plain words, as a sentence's verb phrase ("Clara — changed a member's
role — Ida"). Each part that records actions registers its words from its ``AppConfig.ready()``; the
arena's audit page and the admin's list say entries with them. An action nobody registered shows as
its code."""

from collections.abc import Mapping

action_words: dict[str, str] = {}


def action_words_register(words: Mapping[str, str]) -> None:
    action_words.update(words)


def action_said(action: str) -> str:
    return str(action_words.get(action, action))

"""Proof of an email address from outside allauth, and what follows a sign-up that used it.

An app that can vouch for an address (an invitation emailed to it, say) registers a ``Proof`` from its
``AppConfig.ready()``; platform_core knows no such app. When someone opens the app's link, the app stashes
the address (allauth's ``stash_verified_email``) and keeps what it needs to check it again in the session,
server-side: nothing in a query string. At sign-up the adapter asks every proof whether the address typed
is vouched for *now* (a link revoked or expired meanwhile proves nothing), and afterwards lets the proof
finish what the link was for (accept the invitation) and say where the person lands."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Proof:
    key: str
    vouches_for: Callable[..., bool]  # (request, email) -> bool
    after_sign_up: Callable[..., str | None]  # (request, user) -> URL to land on, or None


_proofs: dict[str, Proof] = {}


def proof_register(proof: Proof) -> None:
    _proofs[proof.key] = proof


def proofs() -> list[Proof]:
    return list(_proofs.values())


def address_vouched_for(request, email: str) -> bool:
    return bool(email) and any(proof.vouches_for(request, email) for proof in proofs())


def landing_after_sign_up(request, user) -> str | None:
    """The first landing page a proof gives after a sign-up (it may have acted on the way)."""
    for proof in proofs():
        url = proof.after_sign_up(request, user)
        if url:
            return url
    return None

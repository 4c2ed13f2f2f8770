"""People for the load test (``manage.py loadtest_seed``, ``loadtest/locustfile.py``).

Adds ``count`` participants ``load-<i>@loadtest.example.org`` to the demo arenas of ``seed_demo``, ready to
post at once: a usable password (hashed once for all of them), a verified address, the terms in effect
accepted, a member of every open demo arena (one in 20 a facilitator of the main one), replies and posts in
followed threads emailed immediately, a few demo threads followed. Written in bulk, so 10,000 people take
seconds, and idempotent: a rerun reuses the people it made and adds only what is missing.

Each person gets a signed-in session made through the configured session engine as signing in makes it
(the same auth keys and hash), and their API token, because a load test cannot sign thousands in through
the sign-in form: sign-ins are limited per client address, and every simulated user comes from one.
"""

import time
from dataclasses import dataclass
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import transaction
from django.db.models import Q
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from arenas.demo import SLUGS
from arenas.models import Arena, Membership, Role, StakeholderType
from arenas.page_cache import arena_pages_changed
from platform_core.legal.models import Consent
from platform_core.legal.selectors import documents_in_effect
from platform_core.notifications.models import NotificationSettings
from platform_core.notifications.registry import EmailMode

from .events import FOLLOWED, REPLIES
from .models import Thread, ThreadFollow

DOMAIN = "loadtest.example.org"
DEFAULT_PASSWORD = "cocreate-load"
MAIN_ARENA = "safer-school-routes"
FACILITATOR_EVERY = 20  # one in 20 facilitates the main demo arena
FOLLOWS_EACH = 3
IMMEDIATE_FOLLOWS_EVERY = 5  # one in 5 has posts in followed threads emailed at once
BATCH = 2000
SIGN_IN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"  # what the sign-in form uses
# allauth records how the session was signed in (its reauthentication reads it).
ALLAUTH_METHODS_KEY = "account_authentication_methods"
STAKEHOLDER_MIX = [
    StakeholderType.RESIDENT,
    StakeholderType.RESIDENT,
    StakeholderType.SERVICE_USER,
    StakeholderType.CIVIL_SOCIETY,
    StakeholderType.BUSINESS,
    StakeholderType.EXPERT,
]


class DemoDataMissing(Exception):
    """``seed_demo`` has not run (or its arenas are not open): nothing to take part in."""


@dataclass(frozen=True)
class LoadSession:
    email: str
    role: str  # "participant" or "facilitator"
    sessionid: str
    api_token: str

    def as_dict(self) -> dict:
        return {
            "email": self.email,
            "role": self.role,
            "sessionid": self.sessionid,
            "api_token": self.api_token,
        }


def load_email(number: int) -> str:
    return f"load-{number}@{DOMAIN}"


def is_facilitator(number: int) -> bool:
    return number % FACILITATOR_EVERY == 0


def _demo_arenas() -> tuple[Arena, list[Arena]]:
    arenas = list(Arena.objects.filter(slug__in=SLUGS, status=Arena.Status.OPEN).order_by("pk"))
    main = next((arena for arena in arenas if arena.slug == MAIN_ARENA), None)
    if main is None:
        raise DemoDataMissing(
            _("The demo arenas are missing: run “python manage.py seed_demo” first, then this command again.")
        )
    return main, arenas


@transaction.atomic
def load_people_seed(*, count: int, password: str = DEFAULT_PASSWORD) -> list[LoadSession]:
    """Make (or find) ``count`` load-test participants and return a fresh signed-in session for each."""
    if count < 1:
        raise ValueError("count must be at least 1")
    main, arenas = _demo_arenas()
    numbers = range(1, count + 1)
    users = _users(numbers, password)
    _addresses(users)
    _consents(users)
    _memberships(users, main, arenas)
    _notification_settings(users)
    _follows(users, arenas)
    for arena in arenas:
        arena_pages_changed(arena)  # the member counts on the cached pages
    tokens = _tokens(users)
    sessions = _sessions(users)
    return [
        LoadSession(
            email=user.email,
            role="facilitator" if is_facilitator(number) else "participant",
            sessionid=sessions[user.pk],
            api_token=tokens[user.pk],
        )
        for number, user in users.items()
    ]


def _users(numbers, password: str) -> dict:
    """{number: user}, made with one password hash for all (a rerun keeps theirs when it still matches)."""
    User = get_user_model()
    emails = {number: load_email(number) for number in numbers}
    existing = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    sample = next(iter(existing.values()), None)
    hashed = (
        sample.password if sample and check_password(password, sample.password) else make_password(password)
    )
    if existing:
        User.objects.filter(email__in=existing).exclude(password=hashed).update(password=hashed)
    User.objects.bulk_create(
        [
            User(
                email=email,
                handle=f"load-{number}",
                display_name=f"Load participant {number}",
                password=hashed,
                language="da" if number % 2 else "en",
            )
            for number, email in emails.items()
            if email not in existing
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    found = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    missing = [email for email in emails.values() if email not in found]
    if missing:  # a handle load-<i> taken by someone else
        raise ValueError(f"Could not create {len(missing)} load-test accounts, e.g. {missing[0]}")
    return {number: found[email] for number, email in emails.items()}


def _addresses(users: dict) -> None:
    user_ids = [user.pk for user in users.values()]
    EmailAddress.objects.filter(user_id__in=user_ids, verified=False).update(verified=True)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users.values()],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def _consents(users: dict) -> None:
    documents = list(documents_in_effect())
    Consent.objects.bulk_create(
        [
            Consent(user=user, document=document, how=Consent.How.SIGN_UP)
            for user in users.values()
            for document in documents
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    get_user_model().objects.filter(pk__in=[u.pk for u in users.values()], consent_due=True).update(
        consent_due=False
    )


def _memberships(users: dict, main: Arena, arenas: list[Arena]) -> None:
    rows = []
    for number, user in users.items():
        for arena in arenas:
            facilitates = arena.pk == main.pk and is_facilitator(number)
            rows.append(
                Membership(
                    arena=arena,
                    user=user,
                    role=Role.FACILITATOR if facilitates else Role.PARTICIPANT,
                    stakeholder_type=STAKEHOLDER_MIX[number % len(STAKEHOLDER_MIX)],
                )
            )
    Membership.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    # A rerun puts back roles and bans that changed since (a facilitator may have banned someone).
    facilitators = [user.pk for number, user in users.items() if is_facilitator(number)]
    everyone = [user.pk for user in users.values()]
    Membership.objects.filter(arena=main, user_id__in=facilitators).exclude(role=Role.FACILITATOR).update(
        role=Role.FACILITATOR
    )
    Membership.objects.filter(arena__in=arenas, user_id__in=everyone).exclude(
        arena=main, user_id__in=facilitators
    ).exclude(role=Role.PARTICIPANT).update(role=Role.PARTICIPANT)
    Membership.objects.filter(arena__in=arenas, user_id__in=everyone, banned=True).update(
        banned=False, ban_reason="", banned_by=None, banned_at=None
    )


def _notification_settings(users: dict) -> None:
    """Replies emailed at once (the platform's default); posts in followed threads emailed at once for one
    in ``IMMEDIATE_FOLLOWS_EVERY`` (who chose it), in the digest for the others (the default). Every post
    then makes a few emails due, as on a real platform, not one per follower."""
    choices = {
        number: {
            REPLIES.key: EmailMode.IMMEDIATELY,
            FOLLOWED.key: EmailMode.IMMEDIATELY
            if number % IMMEDIATE_FOLLOWS_EVERY == 0
            else EmailMode.DIGEST,
        }
        for number in users
    }
    NotificationSettings.objects.bulk_create(
        [
            NotificationSettings(user_id=user.pk, email_by_category=choices[number])
            for number, user in users.items()
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    # Their settings are the load test's: an UPDATE per kind puts back what a run may have changed.
    for kind in {tuple(sorted(c.items())) for c in choices.values()}:
        wanted = dict(kind)
        user_ids = [user.pk for number, user in users.items() if choices[number] == wanted]
        NotificationSettings.objects.filter(
            ~Q(email_by_category=wanted) | ~Q(muted_groups=[]), user_id__in=user_ids
        ).update(email_by_category=wanted, muted_groups=[])


def _follows(users: dict, arenas: list[Arena]) -> None:
    threads = list(
        Thread.objects.filter(arena__in=arenas, locked=False).order_by("pk").values_list("pk", flat=True)
    )
    if not threads:
        return
    rows = []
    for number, user in users.items():
        for step in range(min(FOLLOWS_EACH, len(threads))):
            thread_id = threads[(number * FOLLOWS_EACH + step) % len(threads)]
            rows.append(ThreadFollow(thread_id=thread_id, user=user, state=ThreadFollow.State.FOLLOWING))
    ThreadFollow.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _tokens(users: dict) -> dict[int, str]:
    """Each person's API token: the one they have, else a new one (as ``api_token_issue`` makes it)."""
    user_ids = [user.pk for user in users.values()]
    tokens = dict(Token.objects.filter(user_id__in=user_ids).values_list("user_id", "key"))
    new = [Token(user_id=pk, key=Token.generate_key()) for pk in user_ids if pk not in tokens]
    Token.objects.bulk_create(new, batch_size=BATCH)
    tokens.update({token.user_id: token.key for token in new})
    return tokens


def _session_data(user) -> dict:
    """What ``django.contrib.auth.login`` (and allauth, through which people sign in) keep in the session."""
    return {
        SESSION_KEY: user._meta.pk.value_to_string(user),
        BACKEND_SESSION_KEY: SIGN_IN_BACKEND,
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        ALLAUTH_METHODS_KEY: [{"method": "password", "at": time.time(), "email": user.email}],
    }


def _sessions(users: dict) -> dict[int, str]:
    """A new signed-in session per person, through the configured engine. Database-backed engines get
    their rows in bulk (the engine encodes each); any other engine saves them one by one."""
    engine = import_module(settings.SESSION_ENGINE)
    keys = {}
    if issubclass(engine.SessionStore, DatabaseSessionStore):
        rows = []
        for user in users.values():
            data = _session_data(user)
            store = engine.SessionStore()
            store._session_cache = data  # a new session: nothing to load
            store._session_key = get_random_string(32, VALID_KEY_CHARS)
            row = store.create_model_instance(data)
            rows.append(row)
            keys[user.pk] = row.session_key
        engine.SessionStore.get_model_class().objects.bulk_create(rows, batch_size=BATCH)
        return keys
    for user in users.values():
        store = engine.SessionStore()
        store.update(_session_data(user))
        store.save(must_create=True)
        keys[user.pk] = store.session_key
    return keys

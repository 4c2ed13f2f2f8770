"""Cocreate's load test: people using the site as they do, in the proportions they do (issue 17).

    python -m locust -f loadtest/locustfile.py --headless -u 100 -r 10 -t 1m --host http://127.0.0.1:8080

(``make loadtest`` runs it through ``loadtest/run.py``, which also writes the figures.) Four journeys:

- **anonymous** visitors browse the home page, the directory, arena pages, thread lists and threads;
- **participants** read threads (the open page polls for new posts, as the browser does), post, reply,
  endorse and read their notifications;
- **facilitators** open their arena's moderation queue and read its threads;
- **API** clients page through threads' posts by cursor with ``Authorization: Token …``.

Signed-in people come from ``manage.py loadtest_seed`` (env ``LOADTEST_SESSIONS``, default
``var/loadtest/sessions.json``): their sessions are already signed in, so no one goes through the sign-in
form (allauth limits sign-ins per client address, and every simulated user comes from one address).
URLs are found on the pages and in the API, never written here.

Every post and reply carries a marker ``[lt:<32 hex>]``; when the server confirms it was created (a
redirect after the form, 201 from the API) the marker is appended to ``LOADTEST_POSTS_FILE`` (default
``var/loadtest/posts-accepted.txt``), so a check afterwards can find each one exactly once in the database.

Requests are named "<journey>: <what>" so the figures group per journey; an HTML page's name ends with
" page" (``run.py`` counts those as pages). A 429 is a failure: think times keep each person well under the
per-person rates (a participant posts about once a minute at most). ``LOADTEST_PACE`` scales every think
time (``0.2``: five times faster, for a short smoke run).

Plain Python and locust only: no Django here.
"""

import itertools
import json
import os
import random
import re
import threading
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, task

SESSIONS_FILE = os.environ.get("LOADTEST_SESSIONS", "var/loadtest/sessions.json")
POSTS_FILE = os.environ.get("LOADTEST_POSTS_FILE", "var/loadtest/posts-accepted.txt")
PACE = float(os.environ.get("LOADTEST_PACE", "1"))

ARENA_LINK = re.compile(r'href="(/arenas/[a-z0-9-]+/)"')
THREAD_LINK = re.compile(r'href="(/arenas/[a-z0-9-]+/threads/\d+/)"')
THREAD_PAGE_LINK = re.compile(r'href="(/arenas/[a-z0-9-]+/threads/\d+/\?page=\d+)"')
MODERATION_LINK = re.compile(r'href="(/arenas/[a-z0-9-]+/moderation/)"')
POST_FORM = re.compile(r'<form id="new-post-form" method="post" action="([^"]+)"')
REPLY_LINK = re.compile(r'href="(/arenas/[a-z0-9-]+/threads/\d+/posts/\d+/reply/)"')
ENDORSE_FORM = re.compile(r'action="(/arenas/[a-z0-9-]+/threads/\d+/posts/\d+/endorse/)"')
POLLER = re.compile(r'id="new-posts-poller" hx-get="([^"]+)" hx-trigger="every (\d+)s"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# What people write: plain, Danish, with emoji and right-to-left text, as on a municipality's platform.
SENTENCES = [
    "I walk this route with my two children every morning, and the crossing by the bakery is the worst part.",
    "Could we try the painted crossing for two weeks before deciding anything permanent?",
    "Jeg er enig: lyskryds ved bageren vil gøre en stor forskel for børnene om morgenen.",
    "Vi har brug for flere cykelstier, især langs kanalen, hvor det er mørkt om vinteren.",
    "Min datter på 9 år går alene i skole. Hvad gør vi ved bilerne, der kører for stærkt?",
    "Thank you all for the thoughtful replies 🙏 — this is exactly the conversation we needed.",
    "The bus stop would have to move 50 m north; has anyone asked the bus company? 🚌",
    "Great idea! 👍 Let us ask the school council what the children themselves think.",
    "أعتقد أن ممر المشاة بالقرب من المخبز هو الخيار الأكثر أماناً للأطفال.",
    "נראה לי שמעבר חציה עם רמזור ליד המאפייה יהיה הבטוח ביותר.",
    "I counted 140 children between 7:30 and 8:00 on Tuesday, and 35 cars in the same half hour.",
    "Kan kommunen lave en trafiktælling i uge 12, før vi beslutter os? Tak 😊",
]
STANCES = ["", "", "supports", "concerns", "question"]

_session_lock = threading.Lock()
_next_session = itertools.count()
_sessions_by_role: dict[str, list[dict]] | None = None
_posts_lock = threading.Lock()


def think(low: float, high: float):
    """A wait_time of ``low``–``high`` seconds, scaled by ``LOADTEST_PACE``."""
    return between(low * PACE, high * PACE)


def pause(seconds: float) -> None:
    time.sleep(seconds * PACE)


def sessions_of(role: str) -> list[dict]:
    global _sessions_by_role
    with _session_lock:
        if _sessions_by_role is None:
            path = Path(SESSIONS_FILE)
            if not path.exists():
                raise RuntimeError(
                    f"{path} is missing: run `make loadtest-seed` (manage.py loadtest_seed) first"
                )
            _sessions_by_role = {}
            for entry in json.loads(path.read_text()):
                _sessions_by_role.setdefault(entry["role"], []).append(entry)
        return _sessions_by_role.get(role, [])


def next_person(role: str) -> dict:
    """Each simulated user is another person (round robin), so per-person rate limits hold."""
    people = sessions_of(role) or sessions_of("participant")
    if not people:
        raise RuntimeError(f"{SESSIONS_FILE} has nobody")
    with _session_lock:
        return people[next(_next_session) % len(people)]


def body_with_marker() -> tuple[str, str]:
    marker = f"[lt:{uuid.uuid4().hex}]"
    text = " ".join(random.sample(SENTENCES, k=random.randint(1, 3)))
    return f"{text}\n\n{marker}", marker


def accepted(marker: str) -> None:
    """The server said the post was created: remember its marker, one line, written at once."""
    with _posts_lock:
        path = Path(POSTS_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as posts:
            posts.write(marker + "\n")
            posts.flush()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def found(pattern: re.Pattern, html: str) -> list[str]:
    return sorted({unescape(match) for match in pattern.findall(html)})


class Visitor(HttpUser):
    """Common to the journeys that use pages: named requests, CSRF, links found on the pages."""

    abstract = True
    journey = "anonymous"

    def on_start(self):
        self.arenas: list[str] = []
        self.threads: list[str] = []

    def _browser_cookies(self) -> None:
        # The production settings mark cookies Secure. Browsers send them to a loopback address over plain
        # HTTP (a secure context); requests does not, so the load test does what the browser does.
        for cookie in self.client.cookies:
            cookie.secure = False

    def page(self, url: str, what: str, **kwargs):
        """GET a page, counted as "<journey>: <what> page"; returns its HTML ("" when it failed)."""
        with self.client.get(url, name=f"{self.journey}: {what} page", catch_response=True, **kwargs) as r:
            self._browser_cookies()
            if r.status_code != 200:
                r.failure(f"{what} page answered {r.status_code}")
                return ""
            return r.text

    def fragment(self, url: str, what: str, ok=(200,)):
        headers = {"HX-Request": "true", "HX-Current-URL": self.host + url}
        with self.client.get(url, name=f"{self.journey}: {what}", headers=headers, catch_response=True) as r:
            self._browser_cookies()
            if r.status_code not in ok:
                r.failure(f"{what} answered {r.status_code}")
                return None
            return r

    def form_post(self, url: str, what: str, data: dict, page_url: str, html: str):
        """POST a form as the browser does (CSRF token from the page's form, Origin and Referer set),
        without following the redirect; the caller judges the answer."""
        token = (CSRF_FIELD.findall(html) or [self.client.cookies.get("csrftoken", "")])[0]
        headers = {"Origin": self.host.rstrip("/"), "Referer": self.host.rstrip("/") + page_url}
        return self.client.post(
            url,
            data={"csrfmiddlewaretoken": token, **data},
            headers=headers,
            name=f"{self.journey}: {what}",
            allow_redirects=False,
            catch_response=True,
        )

    def discover(self) -> None:
        """The arenas from the directory, their threads from each arena's page and thread list, read as a
        person reads them: a few seconds on each page (without them, a hundred people arriving at once
        would each open seven pages in a second, which nobody does)."""
        directory = self.page("/arenas/", "directory")
        self.arenas = [
            url for url in found(ARENA_LINK, directory) if not url.endswith("/new/")
        ] or self.arenas
        threads = set(self.threads)
        for arena in self.arenas:
            pause(random.uniform(2, 6))
            threads.update(found(THREAD_LINK, self.page(arena, "arena")))
            pause(random.uniform(2, 6))
            threads.update(found(THREAD_LINK, self.page(arena + "threads/", "thread list")))
        self.threads = sorted(threads)

    def a_thread(self) -> str | None:
        if not self.threads:
            self.discover()
        return random.choice(self.threads) if self.threads else None

    def read_thread(self, url: str, *, polls: int = 0) -> str:
        """Open a thread (sometimes a later page of it), then stay on it while it polls for new posts."""
        html = self.page(url, "thread")
        later = found(THREAD_PAGE_LINK, html)
        if later and random.random() < 0.3:
            url = random.choice(later)
            html = self.page(url, "thread") or html
        for _ in range(polls):
            poller = POLLER.search(html)
            if not poller:
                break
            poll_url, seconds = unescape(poller.group(1)), int(poller.group(2))
            pause(seconds)
            answer = self.fragment(poll_url, "new-posts poll", ok=(200, 204))
            if answer is not None and answer.status_code == 200:
                html = answer.text  # the next poll asks with what the notice already says
        return html


class AnonymousVisitor(Visitor):
    """Someone who heard of a consultation and looks around without signing in."""

    weight = 6
    wait_time = think(3, 10)
    journey = "anonymous"

    @task(1)
    def home(self):
        html = self.page("/", "home")
        self.arenas = [url for url in found(ARENA_LINK, html) if not url.endswith("/new/")] or self.arenas

    @task(2)
    def directory(self):
        self.discover()

    @task(3)
    def arena(self):
        if not self.arenas:
            self.discover()
        if self.arenas:
            html = self.page(random.choice(self.arenas), "arena")
            self.threads = sorted(set(self.threads) | set(found(THREAD_LINK, html)))

    @task(2)
    def thread_list(self):
        if not self.arenas:
            self.discover()
        if self.arenas:
            self.page(random.choice(self.arenas) + "threads/", "thread list")

    @task(6)
    def thread(self):
        url = self.a_thread()
        if url:
            self.read_thread(url, polls=random.choice([0, 0, 1, 2]))


class SignedIn(Visitor):
    abstract = True
    role = "participant"

    def on_start(self):
        super().on_start()
        self.person = next_person(self.role)
        self.client.cookies.set("sessionid", self.person["sessionid"])


class Participant(SignedIn):
    """A member of the demo arenas taking part: reads, writes, endorses, checks what is new for them."""

    weight = 5
    wait_time = think(5, 15)
    journey = "participant"

    @task(6)
    def read(self):
        url = self.a_thread()
        if url:
            self.read_thread(url, polls=random.randint(1, 3))

    @task(1)
    def post(self):
        url = self.a_thread()
        if not url:
            return
        html = self.read_thread(url)
        form = POST_FORM.search(html)
        if not form:
            return  # e.g. a locked thread: nothing to write in
        body, marker = body_with_marker()
        action = unescape(form.group(1))
        data = {"body": body, "stance": random.choice(STANCES), "order": "oldest", "page": ""}
        with self.form_post(action, "post", data, url, html) as r:
            self._judge(r, marker)

    @task(1)
    def reply(self):
        url = self.a_thread()
        if not url:
            return
        html = self.read_thread(url)
        replies = found(REPLY_LINK, html)
        if not replies:
            return
        reply_url = random.choice(replies)
        form_page = self.page(reply_url, "reply form")
        if not form_page:
            return
        body, marker = body_with_marker()
        with self.form_post(reply_url, "reply", {"body": body, "stance": ""}, reply_url, form_page) as r:
            self._judge(r, marker)

    def _judge(self, r, marker: str) -> None:
        self._browser_cookies()
        if r.status_code in (302, 303) and r.headers.get("Location"):
            accepted(marker)
            r.success()
            self.page(path_of(r.headers["Location"]), "thread after posting")
        elif r.status_code == 429:
            r.failure("429 rate limited")
        else:
            r.failure(f"not created: {r.status_code}")

    @task(2)
    def endorse(self):
        url = self.a_thread()
        if not url:
            return
        html = self.read_thread(url)
        forms = found(ENDORSE_FORM, html)
        if not forms:
            return
        with self.form_post(random.choice(forms), "endorse", {}, url, html) as r:
            self._browser_cookies()
            if r.status_code in (200, 302, 303):
                r.success()
            else:
                r.failure(f"endorse answered {r.status_code}")

    @task(2)
    def notifications(self):
        self.page("/notifications/", "notifications")
        self.fragment("/notifications/count/", "notification count")


class Facilitator(SignedIn):
    """A facilitator of the main demo arena, working through flagged posts between reading threads."""

    weight = 1
    wait_time = think(8, 20)
    journey = "facilitator"
    role = "facilitator"

    def on_start(self):
        super().on_start()
        self.queues: list[str] = []

    @task(3)
    def queue(self):
        if not self.queues:
            self.queues = found(MODERATION_LINK, self.page("/", "home"))
        if self.queues:
            self.page(random.choice(self.queues), "moderation queue")

    @task(2)
    def read(self):
        url = self.a_thread()
        if url:
            self.read_thread(url, polls=1)


class ApiClient(HttpUser):
    """An integration (a municipality's own site, a researcher) reading posts through the API by cursor."""

    weight = 1
    wait_time = think(2, 6)
    journey = "api"

    def on_start(self):
        self.person = next_person("participant")
        self.client.headers["Authorization"] = f"Token {self.person['api_token']}"
        self.threads: list[int] = []

    def get(self, url: str, what: str) -> dict | None:
        with self.client.get(url, name=f"api: {what}", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{what} answered {r.status_code}")
                return None
            return r.json()

    def discover(self) -> None:
        arenas = self.get("/api/v1/arenas/", "arenas") or {"results": []}
        threads = []
        for arena in arenas["results"]:
            listing = self.get(f"/api/v1/arenas/{arena['slug']}/threads/", "threads") or {"results": []}
            threads += [thread["id"] for thread in listing["results"] if not thread.get("locked")]
        self.threads = threads

    @task(5)
    def posts_by_cursor(self):
        if not self.threads:
            self.discover()
        if not self.threads:
            return
        url = f"/api/v1/threads/{random.choice(self.threads)}/posts/"
        for _ in range(random.randint(1, 4)):
            listing = self.get(url, "posts by cursor")
            if not listing or not listing.get("next"):
                break
            url = path_of(listing["next"])

    @task(1)
    def write(self):
        if not self.threads:
            self.discover()
        if not self.threads:
            return
        body, marker = body_with_marker()
        thread = random.choice(self.threads)
        with self.client.post(
            f"/api/v1/threads/{thread}/posts/",
            json={"body": body},
            name="api: post",
            catch_response=True,
        ) as r:
            if r.status_code == 201:
                accepted(marker)
            elif r.status_code == 429:
                r.failure("429 rate limited")
            else:
                r.failure(f"not created: {r.status_code}")
        pause(20)  # an integration that writes does so now and then

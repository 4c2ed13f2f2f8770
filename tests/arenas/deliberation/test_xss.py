"""Known XSS payloads through every text people write in deliberation — thread title and text (new and
edited), post text (new and edited), the facilitators' summary, a flag's note, the reason for hiding a post,
a moderator's warning — once through the services and once through the API. Nothing that could run script
may come out: not in the stored HTML, the API's HTML, the pages that show it (parsed, not grepped: text that
reads ``&lt;script&gt;`` is fine), nor the emails that tell people about it."""

import pytest
from django.urls import Resolver404, resolve

from arenas.deliberation.models import Post, Thread
from arenas.deliberation.services.moderation import author_warn, flag_create
from arenas.deliberation.services.posts import post_create, post_edit, post_hide
from arenas.deliberation.services.threads import thread_create, thread_summary_set, thread_update
from arenas.models import Role
from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth, is_dangerous_url, unsafe_markup, visible_text

pytestmark = pytest.mark.django_db

B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>

PAYLOADS = [
    # script elements, in many casings and broken-up forms
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt src=//evil.example/x.js></sCrIpT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    '"><script>alert(1)</script>',
    "<script\ttype='text/javascript'>alert(1)</script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    # frames, plugins, styles
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    f'<embed src="data:text/html;base64,{B64_SCRIPT}">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="width: expression(alert(1))">x</div>',
    "<p style=\"background:url('javascript:alert(1)')\">x</p>",
    # script URLs in Markdown
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](java\nscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript&#x3A;alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    f"[click](data:text/html;base64,{B64_SCRIPT})",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png "onerror=alert(1)")',
    '[x](https://example.org "\\" onmouseover=alert(1) x=\\"")',
    # script URLs as raw HTML
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    # comments, parser confusion
    "<!-- <script>alert(1)</script> -->",
    "<!--><script>alert(1)</script>-->",
    "<!---><img src=x onerror=alert(1)>-->",
    "<!--x--!><img src=x onerror=alert(1)>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    # mentions are linked after sanitising: they must not open a way back in
    "@citizen <img src=x onerror=alert(1)>",
    '[> @citizen <img src=x onerror=alert(1)>](https://example.org "> @citizen <svg onload=alert(1)>")',
]
CASES = [pytest.param(number, payload, id=f"{number:02d}") for number, payload in enumerate(PAYLOADS)]


def test_the_check_finds_what_could_run_and_lets_text_and_our_own_scripts_be():
    for bad in [
        "<script>alert(1)</script>",
        "<p><img src=x onerror=alert(1)></p>",
        '<a href="  JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<form action="javascript:alert(1)"></form>',
        "<iframe></iframe>",
        "<object></object>",
        "<embed>",
        "<style>p{}</style>",
        '<div style="background:url(javascript:alert(1))"></div>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<script src="/static/vendor/htmx/htmx.min.js"></script>',  # ours carry the page's nonce
        "<!--><script>alert(1)</script>-->",  # browsers end a comment at "<!-->"…
        "<!---><img src=x onerror=alert(1)>-->",
        "<!--x--!><img src=x onerror=alert(1)>-->",  # … and at "--!>"
    ]:
        assert unsafe_markup(bad), bad
    for fine in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=alert(1)&gt;</p>",
        '<a href="https://example.org/javascript:x" rel="nofollow ugc noopener">javascript:alert(1)</a>',
        '<a href="&amp;#106;avascript:alert(1)">x</a>',
        '<a title="&quot; onmouseover=alert(1)">x</a>',
        '<script src="/static/vendor/htmx/htmx.min.js" nonce="abc"></script>',
        "<!-- <script>alert(1)</script> -->",
    ]:
        assert unsafe_markup(fine) == [], fine
    assert is_dangerous_url("\x01 java\nscript:alert(1)")


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes")


@pytest.fixture
def author(arena):
    return MembershipFactory(arena=arena, user=UserFactory(handle="citizen"), role=Role.PARTICIPANT).user


@pytest.fixture
def facilitator(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user


def marked(number: int, payload: str) -> str:
    """The payload after a marker, so that the test can tell the text really reached the page."""
    return f"xss-marker-{number}\n\n{payload}"


def pages_showing(arena, threads, *, moderator: bool) -> list[str]:
    """The HTML pages that show what deliberation stores (those that exist yet), to a moderator or not."""
    paths = [f"/arenas/{arena.slug}/", f"/arenas/{arena.slug}/threads/", "/notifications/"]
    paths += [f"/arenas/{arena.slug}/threads/{thread.pk}/" for thread in threads]
    if moderator:
        paths.append(f"/arenas/{arena.slug}/moderation/")
    found = []
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            continue
        found.append(path)
    return found


def assert_nothing_runs(client, *, number, arena, threads, posts, author, facilitator):
    stored = [t.body_html for t in threads] + [p.body_html for p in posts]
    stored += [t.summary.body_html for t in threads if t.summary_id]
    for html in stored:
        assert unsafe_markup(html) == [], html
    for person in (author, facilitator):
        client.force_login(person)
        for path in pages_showing(arena, threads, moderator=person == facilitator):
            response = client.get(path)
            assert response.status_code == 200, path
            page = response.content.decode()
            assert unsafe_markup(page) == [], f"{path} as {person.handle}"
    client.force_login(author)
    thread_page = client.get(threads[0].get_absolute_url()).content.decode()
    assert f"xss-marker-{number}" in visible_text(thread_page)
    for pending in EmailDelivery.objects.filter(status="pending"):
        delivery.delivery_send(delivery_id=pending.pk)


def assert_emails_are_safe(mailoutbox):
    assert mailoutbox, "the actions tell people by email"
    for message in mailoutbox:
        for alternative in message.alternatives:
            assert unsafe_markup(alternative.content) == [], message.subject


@pytest.mark.parametrize(("number", "payload"), CASES)
def test_through_the_services(client, mailoutbox, arena, author, facilitator, number, payload):
    text = marked(number, payload)
    first = thread_create(arena=arena, author=author, title=f"Title {number} {payload}", body=text)
    second = thread_create(arena=arena, author=author, title="Plain", body="Plain")
    thread_update(thread=second, actor=author, title=f"Edited {payload}", body=text)
    thread_summary_set(thread=first, actor=facilitator, body=text)
    written = post_create(thread=first, author=author, body=text)
    edited = post_create(thread=first, author=author, body="Plain")
    post_edit(post=edited, actor=author, body=text)
    hidden = post_create(thread=second, author=author, body="To be hidden")
    post_hide(post=hidden, actor=facilitator, reason=payload)
    flag_create(post=written, reporter=UserFactory(), reason="other", note=payload)
    author_warn(post=edited, actor=facilitator, message=payload)
    threads = list(Thread.objects.filter(arena=arena).select_related("summary"))
    posts = list(Post.objects.filter(thread__arena=arena))

    assert_nothing_runs(
        client,
        number=number,
        arena=arena,
        threads=threads,
        posts=posts,
        author=author,
        facilitator=facilitator,
    )
    assert_emails_are_safe(mailoutbox)


@pytest.mark.parametrize(("number", "payload"), CASES)
def test_through_the_api(client, mailoutbox, arena, author, facilitator, number, payload):
    text = marked(number, payload)

    def call(method, url, user, data=None, expected=200):
        response = getattr(client, method)(url, data, content_type="application/json", **auth(user))
        assert response.status_code == expected, response.content
        return response.json()

    thread = call(
        "post", f"/api/v1/arenas/{arena.slug}/threads/", author, {"title": f"T {payload}", "body": text}, 201
    )
    other = call("post", f"/api/v1/arenas/{arena.slug}/threads/", author, {"title": "Plain"}, 201)
    edited_thread = call("patch", f"/api/v1/threads/{other['id']}/", author, {"title": payload, "body": text})
    summarised = call("patch", f"/api/v1/threads/{thread['id']}/", facilitator, {"summary": text})
    post = call("post", f"/api/v1/threads/{thread['id']}/posts/", author, {"body": text}, 201)
    plain = call("post", f"/api/v1/threads/{thread['id']}/posts/", author, {"body": "Plain"}, 201)
    edited = call("patch", f"/api/v1/posts/{plain['id']}/", author, {"body": text})
    to_hide = call("post", f"/api/v1/threads/{other['id']}/posts/", author, {"body": "Hide me"}, 201)
    hidden = call("post", f"/api/v1/posts/{to_hide['id']}/hide/", facilitator, {"reason": payload})
    call(
        "post", f"/api/v1/posts/{post['id']}/flags/", UserFactory(), {"reason": "other", "note": payload}, 201
    )
    as_author = call("get", f"/api/v1/threads/{other['id']}/posts/", author)["results"]

    api_html = [
        thread["body_html"],
        edited_thread["body_html"],
        summarised["summary"]["body_html"],
        post["body_html"],
        edited["body_html"],
        hidden["body_html"],
    ]
    for html in api_html:
        assert unsafe_markup(html) == [], html
    assert as_author[0]["hidden_reason"] == payload.strip()[:500]  # plain text, for clients to escape
    threads = list(Thread.objects.filter(arena=arena).select_related("summary"))
    posts = list(Post.objects.filter(thread__arena=arena))
    assert_nothing_runs(
        client,
        number=number,
        arena=arena,
        threads=threads,
        posts=posts,
        author=author,
        facilitator=facilitator,
    )
    assert_emails_are_safe(mailoutbox)

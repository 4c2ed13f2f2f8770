"""Threads, posts, endorsements, follows and flags.

Long threads stay fast: every post carries its thread-wide ``number`` and its top-level post (``root``),
so a page is "top-level posts N..N+49 and the replies under them" — two indexed range queries, whatever the
thread's length. Counters (posts, endorsements) are kept on the rows the pages show.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")
        IDEA = "idea", _("Idea")
        DECISION = "decision", _("Decision")

    arena = models.ForeignKey(
        "arenas.Arena", on_delete=models.CASCADE, related_name="threads", verbose_name=_("arena")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    phase = models.ForeignKey(
        "arenas.Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("phase"),
    )
    topics = models.ManyToManyField(
        "arenas.Topic", related_name="threads", blank=True, verbose_name=_("topics")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
        verbose_name=_("author"),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    resolved = models.BooleanField(_("resolved"), default=False)
    summary = models.ForeignKey(
        "ThreadSummary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("summary"),
    )
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    top_level_count = models.PositiveIntegerField(default=0, editable=False)
    last_number = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-pinned", "-last_activity_at"]
        indexes = [
            models.Index(fields=["arena", "-pinned", "-last_activity_at"], name="thread_arena_activity"),
            models.Index(fields=["arena", "-created"], name="thread_arena_created"),
            models.Index(fields=["arena", "-post_count"], name="thread_arena_busy"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("deliberation:thread", args=[self.arena.slug, self.pk])


class ThreadSummary(models.Model):
    """A facilitator's summary of where the conversation stands. Every version is kept."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("thread")
    )
    body = models.TextField(_("summary"))
    body_html = models.TextField(editable=False, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("thread summary")
        verbose_name_plural = _("thread summaries")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.thread} · {self.created:%Y-%m-%d %H:%M}"


class Post(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        CONCERNS = "concerns", _("Has concerns")
        QUESTION = "question", _("Asks a question")

    MAX_DEPTH = 2

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="posts",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    depth = models.PositiveSmallIntegerField(default=0)
    number = models.PositiveIntegerField(_("number"))
    top_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False, blank=True)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    endorsement_count = models.PositiveIntegerField(_("endorsements"), default=0)
    created = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_unique"),
        ]
        indexes = [
            models.Index(
                fields=["thread", "top_number"], condition=Q(root__isnull=True), name="post_thread_top"
            ),
            models.Index(fields=["root", "number"], name="post_root_number"),
            models.Index(fields=["author", "-created"], name="post_author_created"),
            # the arena page's latest posts: each thread's newest visible posts (selectors.recent_activity),
            # read from the index alone
            models.Index(
                fields=["thread", "-created", "-id"],
                condition=Q(deleted_at__isnull=True, hidden_at__isnull=True),
                name="post_thread_recent_visible",
            ),
        ]

    def __str__(self):
        return f"#{self.number} in {self.thread_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.post} · {self.created:%Y-%m-%d %H:%M}"


class Endorsement(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="endorsement_once")]

    def __str__(self):
        return f"{self.user_id} endorses {self.post_id}"


class ThreadFollow(models.Model):
    class State(models.TextChoices):
        FOLLOWING = "following", _("Following")
        MUTED = "muted", _("Muted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.FOLLOWING)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="thread_follow_once")]

    def __str__(self):
        return f"{self.user_id} {self.state} {self.thread_id}"


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        OFFENSIVE = "offensive", _("Offensive")
        OFF_TOPIC = "off_topic", _("Off-topic")
        PERSONAL_DATA = "personal_data", _("Personal data")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Acted on")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=Q(status="open"), name="flag_one_open_per_person"
            ),
        ]
        indexes = [models.Index(fields=["status", "-created"], name="flag_status_created")]

    def __str__(self):
        return f"{self.get_reason_display()} on {self.post_id}"

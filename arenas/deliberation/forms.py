"""Forms for the deliberation pages. They parse and check input; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arenas.forms import TOPICS_HELP, topic_names
from platform_core.forms import BootstrapFormMixin

from .models import Flag, Post, Thread

MARKDOWN_HELP = _("You can use Markdown: **bold**, *italics*, lists and links. Mention people as @handle.")

STATUS_CHOICES = [
    ("", _("Any status")),
    ("open", _("Open")),
    ("resolved", _("Resolved")),
    ("locked", _("Locked")),
]
SORT_CHOICES = [
    ("activity", _("Latest activity")),
    ("newest", _("Newest")),
    ("active", _("Most active")),
]


class ThreadFilterForm(BootstrapFormMixin, forms.Form):
    """The thread list's search, filters and sort (GET). Unknown values are ignored, never an error page."""

    q = forms.CharField(label=_("Search titles and texts"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, phases, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["kind"].choices = [("", _("Any kind")), *Thread.Kind.choices]
        self.fields["phase"].choices = [("", _("Any phase")), *[(str(p.pk), p.name) for p in phases]]
        self.fields["topic"].choices = [("", _("Any topic")), *topics]

    def filters(self) -> dict:
        """What ``threads_for_arena`` takes; invalid choices are dropped."""
        self.is_valid()
        data = self.cleaned_data  # the fields that were valid
        return {
            "query": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "phase": data.get("phase") or "",
            "topic": data.get("topic") or "",
            "status": data.get("status") or "",
            "sort": data.get("sort") or "activity",
        }


class ThreadForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Opening text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    kind = forms.ChoiceField(
        label=_("Kind of thread"),
        choices=Thread.Kind.choices,
        initial=Thread.Kind.DISCUSSION,
        widget=forms.RadioSelect,
    )
    phase = forms.ModelChoiceField(
        label=_("Phase"),
        queryset=None,
        required=False,
        empty_label=_("No particular phase"),
        help_text=_("Which phase of the arena the thread belongs to."),
    )
    topics = forms.CharField(label=_("Topics"), max_length=500, required=False, help_text=TOPICS_HELP)

    def __init__(self, *args, arena, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = arena.phases.all()
        self.fields["phase"].initial = arena.current_phase_id

    def clean_topics(self):
        names = topic_names(self.cleaned_data["topics"])
        if any(len(name) > 60 for name in names):
            raise ValidationError(_("Keep each topic under 60 characters."))
        return names


class PostForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 5}), help_text=MARKDOWN_HELP
    )
    stance = forms.ChoiceField(
        label=_("Your stance"),
        required=False,
        choices=[("", _("No particular stance")), *Post.Stance.choices],
        help_text=_("Say where you stand, if you like: it helps others read the thread."),
    )

    def __init__(self, *args, body_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body_label:
            self.fields["body"].label = body_label


class SummaryForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Where the conversation stands, the open questions and the next steps. "
            "The earlier version is kept. Markdown."
        ),
    )


class FlagForm(BootstrapFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Flag.Reason.choices)
    note = forms.CharField(
        label=_("Note to the facilitators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you choose “Other”."),
    )


class HideForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why hide it?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The author is told this reason."),
    )


class DecisionForm(BootstrapFormMixin, forms.Form):
    """One decision on a flagged post: any of hide, warn, ban, with one reason; or dismiss the flags.
    The reason being required when something is chosen is the service's rule (``moderation_decide``)."""

    hide = forms.BooleanField(label=_("Hide the post"), required=False)
    warn = forms.BooleanField(label=_("Warn the author"), required=False)
    ban = forms.BooleanField(label=_("Ban the author from this arena"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed to hide, warn or ban. The author reads it: it is the hide reason, the warning and the "
            "ban reason."
        ),
    )

    def __init__(self, *args, dismiss: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.dismiss = dismiss

    def clean(self):
        data = super().clean()
        if not self.dismiss and not any(data.get(name) for name in ("hide", "warn", "ban")):
            raise ValidationError(_("Choose hide, warn or ban, or dismiss the flags."))
        if self.dismiss:
            data.update(hide=False, warn=False, ban=False, reason="")
        return data

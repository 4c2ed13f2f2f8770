"""Forms for the prototype pages. They parse input; the services decide and write, and their
ValidationErrors come back onto these forms (``arenas.forms.add_service_errors``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arenas.forms import TOPICS_HELP, topic_names
from platform_core.forms import BootstrapFormMixin, HtmlDateField

from .models import Feedback, Indicator, Iteration
from .stages import DECISIONS, Stage

HYPOTHESIS_HELP = _("Complete the sentence: “We believe that … will result in … for …; we will know when …”")
TEXTAREA = {"rows": 3}


class AnyIdsField(forms.MultipleChoiceField):
    """Checkboxes of ids whose choices are for showing only: any id passes, and the service says when one
    is not allowed (a thread of another arena gets its message, not "not one of the available choices")."""

    def to_python(self, value):
        return [str(v) for v in super().to_python(value)]

    def valid_value(self, value):
        return str(value).isdigit()


def thread_choices(rows) -> list[tuple[str, str]]:
    return [(str(pk), f"{title} ({kind})") for pk, title, kind in rows]


class PrototypeForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What is it, in two or three sentences a neighbour would understand?"),
    )
    problem_addressed = forms.CharField(
        label=_("Problem it addresses"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Which part of the arena's problem does it tackle, and for whom?"),
    )
    hypothesis = forms.CharField(
        label=_("Hypothesis"), widget=forms.Textarea(attrs=TEXTAREA), help_text=HYPOTHESIS_HELP
    )
    topics = forms.CharField(label=_("Topics"), max_length=500, required=False, help_text=TOPICS_HELP)

    def clean_topics(self):
        names = topic_names(self.cleaned_data["topics"])
        if any(len(name) > 60 for name in names):
            raise forms.ValidationError(_("Keep each topic under 60 characters."))
        return names

    @classmethod
    def initial_for(cls, prototype) -> dict:
        return {
            "title": prototype.title,
            "summary": prototype.summary,
            "problem_addressed": prototype.problem_addressed,
            "hypothesis": prototype.hypothesis,
            "topics": ", ".join(t.name for t in prototype.topics.all()),
        }


class PrototypeCreateForm(PrototypeForm):
    source_threads = AnyIdsField(
        label=_("Threads it comes from"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Link the conversations that led to it, so everyone can trace the idea back."),
    )

    def __init__(self, *args, threads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_threads"].choices = thread_choices(threads)


class SourcesForm(BootstrapFormMixin, forms.Form):
    threads = AnyIdsField(label=_("Threads to link"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, threads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["threads"].choices = thread_choices(threads)


class MoveForm(BootstrapFormMixin, forms.Form):
    """Where to move a prototype. The select offers the moves the viewer may make; any stage is accepted
    here so that the service answers a move the table does not allow with its own clear message."""

    to = forms.CharField(label=_("Move to"), max_length=12)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, moves=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = list(moves)
        self.fields["to"].widget = forms.Select(
            choices=[("", _("Choose a stage"))] + [(s, Stage(s).label) for s in self.moves],
            attrs={"class": "form-select form-select-sm"},
        )
        self.has_decision = any(stage in DECISIONS for stage in self.moves)
        self.fields["reason"].help_text = (
            _("Required for adopted, scaled and abandoned: say why, for everyone who took part.")
            if self.has_decision
            else _("Optional: what made you move it?")
        )
        self.fields["reason"].widget.attrs["class"] = "form-control form-control-sm"


class IterationForm(BootstrapFormMixin, forms.Form):
    goal = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What should this round find out?"),
    )
    test_what = forms.CharField(
        label=_("What we test"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    test_where = forms.CharField(label=_("Where"), required=False, max_length=200)
    test_with_whom = forms.CharField(label=_("With whom"), required=False, max_length=200)
    start_date = HtmlDateField(label=_("Starts"), required=False)
    end_date = HtmlDateField(label=_("Ends"), required=False)

    FIELDS = ["goal", "test_what", "test_where", "test_with_whom", "start_date", "end_date"]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class IterationEditForm(IterationForm):
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What happened when you tested it?"),
    )
    learnings = forms.CharField(
        label=_("Learnings"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What did the round teach you? Needed before the round can be marked done."),
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("Not decided yet")), *Iteration.Decision.choices],
    )

    @classmethod
    def initial_for(cls, iteration) -> dict:
        return {name: getattr(iteration, name) for name in [*cls.FIELDS, "outcome", "learnings", "decision"]}


class IterationFinishForm(BootstrapFormMixin, forms.Form):
    """Finishing a round: what happened, what it taught, what comes next — sent with "done" in one go."""

    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What happened when you tested it?"),
    )
    learnings = forms.CharField(
        label=_("Learnings"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What did the round teach you? Everyone who took part will read it."),
        error_messages={"required": _("Write down what the round taught you before closing it.")},
    )
    decision = forms.ChoiceField(
        label=_("What comes next?"),
        choices=Iteration.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what comes next: iterate, pivot, scale or stop.")},
    )

    @classmethod
    def initial_for(cls, iteration) -> dict:
        return {
            "outcome": iteration.outcome,
            "learnings": iteration.learnings,
            "decision": iteration.decision,
        }


class IterationStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Iteration.Status.choices)


class FeedbackForm(BootstrapFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How good is it? (1 = poor, 5 = excellent)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    would_use = forms.ChoiceField(
        label=_("Would you use it?"), choices=Feedback.WouldUse.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("What works, what does not, what would make you use it?"),
    )
    iteration = forms.ChoiceField(label=_("About"), required=False)

    def __init__(self, *args, iterations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.iterations = {str(i.number): i for i in iterations}
        self.fields["iteration"].choices = [("", _("The prototype as a whole"))] + [
            (str(i.number), _("Round %(number)s") % {"number": i.number}) for i in iterations
        ]

    def clean_iteration(self):
        value = self.cleaned_data.get("iteration")
        return self.iterations.get(value) if value else None

    @classmethod
    def initial_for(cls, feedback) -> dict:
        if feedback is None:
            return {}
        return {
            "rating": feedback.rating,
            "would_use": feedback.would_use,
            "comment": feedback.comment,
            "iteration": str(feedback.iteration.number) if feedback.iteration else "",
        }


class TeamRequestForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("What would you bring to the team?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IndicatorForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("What you measure"),
        max_length=120,
        help_text=_("For example: children walking to school"),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40, help_text=_("For example: %"))
    baseline = forms.DecimalField(label=_("Baseline (before the prototype)"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    direction = forms.ChoiceField(
        label=_("Which way is better?"),
        choices=Indicator.Direction.choices,
        initial=Indicator.Direction.HIGHER,
        widget=forms.RadioSelect,
    )


class MeasurementForm(BootstrapFormMixin, forms.Form):
    date = HtmlDateField(label=_("Date"))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

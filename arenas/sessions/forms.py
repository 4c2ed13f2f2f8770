"""Forms for the session pages. They parse input; the services decide and write, and their
ValidationErrors come back onto these forms (``platform_core.forms.add_service_errors``). Times come in
as ``datetime-local`` values (ISO, never localised) and are read in the viewer's time zone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from arenas.models import StakeholderType
from arenas.prototypes.models import Feedback
from platform_core.forms import BootstrapFormMixin, HtmlDateTimeField

from .models import Session
from .services.sessions import EDITABLE

TEXTAREA = {"rows": 3}


class AnyIdsField(forms.MultipleChoiceField):
    """Checkboxes of ids whose choices are for showing only: any id passes, and the service says when one
    is not allowed (someone who is not a member gets its message, not "not one of the available
    choices")."""

    def to_python(self, value):
        return [str(v) for v in super().to_python(value)]

    def valid_value(self, value):
        return str(value).isdigit()


class SessionForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will happen, for whom, and what to bring. Markdown works."),
    )
    starts_at = HtmlDateTimeField(label=_("Starts"))
    ends_at = HtmlDateTimeField(label=_("Ends"))
    place = forms.CharField(
        label=_("Place"), required=False, max_length=300, help_text=_("Address and room.")
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Step-free access, hearing loop, toilets, parking, interpretation…"),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to people who registered."),
    )
    capacity = forms.IntegerField(label=_("Seats"), required=False, help_text=_("Empty: as many as come."))
    registration_closes_at = HtmlDateTimeField(
        label=_("Registration closes"), required=False, help_text=_("Empty: when the session starts.")
    )
    iteration = forms.ChoiceField(label=_("Test round"), required=False)

    def __init__(self, *args, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {str(r.pk): r for r in rounds}
        self.fields["iteration"].choices = [("", _("None: not a test of a prototype"))] + [
            (
                str(r.pk),
                _("%(prototype)s, round %(number)s") % {"prototype": r.prototype.title, "number": r.number},
            )
            for r in rounds
        ]
        self.fields["iteration"].help_text = _("A test session feeds the round it tests.")

    def clean_iteration(self):
        value = self.cleaned_data.get("iteration")
        return self.rounds.get(value) if value else None

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        return {name: data[name] for name in EDITABLE}

    @classmethod
    def initial_for(cls, session: Session) -> dict:
        initial = {name: getattr(session, name) for name in EDITABLE if name != "iteration"}
        initial["iteration"] = str(session.iteration_id) if session.iteration_id else ""
        return initial


class RegisterForm(BootstrapFormMixin, forms.Form):
    access_needs = forms.CharField(
        label=_("Access needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Anything the organisers should arrange for you. Only the session's facilitators see this."
        ),
    )


class AttendanceForm(BootstrapFormMixin, forms.Form):
    present = AnyIdsField(label=_("Who came"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.show_people(people)

    def show_people(self, people) -> None:
        """The checkboxes: ``(user id, name)`` of the people who may have come."""
        self.fields["present"].choices = [(str(pk), name) for pk, name in people]


class WalkInForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    stakeholder_type = forms.ChoiceField(
        label=_("Stakeholder type"), choices=StakeholderType.choices, initial=StakeholderType.RESIDENT
    )


class MinutesForm(BootstrapFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown works. Each save keeps the earlier version."),
        error_messages={"required": _("Write the minutes first.")},
    )


class ThreadFromMinutesForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Thread title"), max_length=200)
    body = forms.CharField(label=_("Opening post"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    item = forms.CharField(
        label=_("Minutes item"),
        required=False,
        max_length=300,
        help_text=_("The point of the minutes it comes from; empty: the title."),
    )


class PrototypeFromMinutesForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Prototype title"), max_length=200)
    hypothesis = forms.CharField(
        label=_("Hypothesis"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("We believe that … will result in … for …; we will know when …"),
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    item = forms.CharField(
        label=_("Minutes item"),
        required=False,
        max_length=300,
        help_text=_("The point of the minutes it comes from; empty: the title."),
    )


class OfflineFeedbackForm(BootstrapFormMixin, forms.Form):
    """Feedback someone gave on paper, typed in by a facilitator."""

    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)], initial=3
    )
    would_use = forms.ChoiceField(label=_("Would they use it?"), choices=Feedback.WouldUse.choices)
    stakeholder_type = forms.ChoiceField(
        label=_("Who gave it"), choices=StakeholderType.choices, initial=StakeholderType.RESIDENT
    )
    comment = forms.CharField(
        label=_("What they wrote"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    )

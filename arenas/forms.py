"""Forms for the arena pages. They parse and check input; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin, HtmlDateField
from platform_core.organisations.models import Organisation

from .models import Arena, StakeholderType
from .playbooks import DEFAULT_PHASES
from .selectors import playbooks_for

TOPICS_HELP = _("Separate topics with commas, for example: mobility, schools, safety.")


def topic_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


class ArenaFieldsMixin(forms.Form):
    """What an arena's conveners write about it, on the create and the settings page."""

    title = forms.CharField(label=_("Title"), max_length=200)
    problem_statement = forms.CharField(
        label=_("Problem statement"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What public problem is this arena about, for whom, and why does it matter? "
            "You can use Markdown: **bold**, lists, links."
        ),
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should the arena achieve? Markdown."),
    )
    scope = forms.CharField(
        label=_("Scope or area"),
        max_length=200,
        required=False,
        help_text=_("The part of the service, the neighbourhood or the group the arena is about."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see and join it"),
        choices=Arena.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Arena.Visibility.PUBLIC,
    )
    topics = forms.CharField(label=_("Topics"), max_length=500, required=False, help_text=TOPICS_HELP)

    def clean_topics(self):
        names = topic_names(self.cleaned_data["topics"])
        if any(len(name) > 60 for name in names):
            raise ValidationError(_("Keep each topic under 60 characters."))
        return names


class ArenaCreateForm(BootstrapFormMixin, ArenaFieldsMixin):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation that hosts the arena and answers for it."),
    )
    playbook = forms.ChoiceField(
        label=_("Playbook"),
        required=False,
        help_text=_(
            "A playbook gives the arena its phases and starter threads. "
            "Without one, the arena gets the standard five phases."
        ),
    )

    field_order = ["organisation", "playbook", "title", "problem_statement", "goals", "scope", "visibility"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self._playbooks = {str(p.pk): p for p in playbooks_for(organisations=organisations)}
        shipped = [(pk, p.name) for pk, p in self._playbooks.items() if p.organisation_id is None]
        own: dict[str, list] = {}
        for pk, p in self._playbooks.items():
            if p.organisation_id is not None:
                own.setdefault(p.organisation.name, []).append((pk, p.name))
        choices = [("", _("None: the standard five phases"))]
        if shipped:
            choices.append((_("Shipped with Cocreate"), shipped))
        choices += [
            (_("%(organisation)s's playbooks") % {"organisation": name}, items) for name, items in own.items()
        ]
        self.fields["playbook"].choices = choices

    @property
    def playbook_previews(self) -> list[dict]:
        """What each choice brings, in the order of the choices: phases (name, days) and starter threads
        (titles); "None" brings the standard five phases."""
        previews = [
            {
                "key": "none",
                "name": _("None: the standard five phases"),
                "description": "",
                "phases": [{"name": p["name"], "days": p.get("days")} for p in DEFAULT_PHASES],
                "threads": [],
            }
        ]
        shipped_first = sorted(self._playbooks.items(), key=lambda item: item[1].organisation_id is not None)
        for pk, playbook in shipped_first:
            previews.append(
                {
                    "key": pk,
                    "name": playbook.name,
                    "organisation": playbook.organisation.name if playbook.organisation_id else "",
                    "description": playbook.description,
                    "phases": [
                        {"name": phase.get("name", ""), "days": phase.get("days")}
                        for phase in playbook.phases or []
                        if isinstance(phase, dict)
                    ],
                    "threads": [
                        thread.get("title", "")
                        for thread in playbook.starter_threads or []
                        if isinstance(thread, dict) and thread.get("title")
                    ],
                }
            )
        return previews

    def clean_playbook(self):
        value = self.cleaned_data.get("playbook")
        return self._playbooks.get(value) if value else None

    def clean(self):
        cleaned = super().clean()
        playbook, organisation = cleaned.get("playbook"), cleaned.get("organisation")
        if playbook and organisation and playbook.organisation_id not in (None, organisation.pk):
            self.add_error(
                "playbook",
                _("That playbook belongs to another organisation. Pick a shipped one or one of %(org)s's.")
                % {"org": organisation.name},
            )
        return cleaned


class ArenaEditForm(BootstrapFormMixin, ArenaFieldsMixin):
    cover_image = forms.ImageField(
        label=_("Cover image"),
        required=False,
        help_text=_("A photo or drawing shown at the top of the arena page. JPEG, PNG or WebP."),
    )
    remove_cover_image = forms.BooleanField(label=_("Remove the cover image"), required=False)

    @classmethod
    def initial_for(cls, arena: Arena) -> dict:
        return {
            "title": arena.title,
            "problem_statement": arena.problem_statement,
            "goals": arena.goals,
            "scope": arena.scope,
            "visibility": arena.visibility,
            "topics": ", ".join(t.name for t in arena.topics.all()),
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "problem_statement", "goals", "scope", "visibility")}
        fields["topics"] = data["topics"]
        if data.get("cover_image"):
            fields["cover_image"] = data["cover_image"]
        elif data.get("remove_cover_image"):
            fields["cover_image"] = ""
        return fields


class PhaseForm(BootstrapFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = HtmlDateField(label=_("Starts"), required=False)
    end_date = HtmlDateField(label=_("Ends"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The phase cannot end before it starts."))
        return cleaned


STALE_PHASES = "stale"


class BasePhaseFormSet(forms.BaseFormSet):
    """The phases editor. A phase is removed only by ticking its box: a submission that leaves out one of
    the arena's phases (the page was opened before someone added one) is refused whole, not saved without
    it."""

    def __init__(self, *args, phase_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.phase_ids = set(phase_ids)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Position")
        form.fields["ORDER"].widget.attrs.update({"class": "form-control phase-position", "min": 1})
        if "DELETE" in form.fields:  # not on the empty rows: there is nothing to remove yet
            form.fields["DELETE"].label = _("Remove this phase")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms if not self._should_delete_form(form)):
            return  # a row being removed may have errors: it is not saved, and still counts below
        submitted = [
            form.cleaned_data["id"] for form in self.forms if getattr(form, "cleaned_data", {}).get("id")
        ]
        if len(submitted) != len(set(submitted)) or self.phase_ids - set(submitted):
            raise ValidationError(
                _(
                    "The phases were changed by someone else after you opened this page. Nothing is saved: "
                    "here are the phases as they are now, make your changes again."
                ),
                code=STALE_PHASES,
            )
        if not self.phase_list():
            raise ValidationError(_("An arena needs at least one phase."))

    @property
    def is_stale(self) -> bool:
        return any(error.code == STALE_PHASES for error in self.non_form_errors().as_data())

    def phase_list(self) -> list[dict]:
        """The phases in their new order, as ``arena_phases_replace`` takes them."""
        return [
            {
                key: form.cleaned_data.get(key)
                for key in ("id", "name", "description", "start_date", "end_date")
            }
            for form in self.ordered_forms
        ]


PHASES_PREFIX = "phases"
PhaseFormSet = forms.formset_factory(
    PhaseForm, formset=BasePhaseFormSet, extra=1, can_order=True, can_delete=True, can_delete_extra=False
)


def phase_formset(arena: Arena, data=None) -> BasePhaseFormSet:
    """The editor of ``arena``'s phases; with ``data``, as posted. A posted row is compared with the saved
    phase its id names, not with whichever phase is now at its position: the page may be older than the
    list."""
    saved = [
        {
            "id": phase.pk,
            "name": phase.name,
            "description": phase.description,
            "start_date": phase.start_date,
            "end_date": phase.end_date,
            "ORDER": position,
        }
        for position, phase in enumerate(arena.phases.all(), start=1)
    ]
    initial = saved if data is None else _saved_rows_as_posted(data, {row["id"]: row for row in saved})
    return PhaseFormSet(data, initial=initial, prefix=PHASES_PREFIX, phase_ids=[row["id"] for row in saved])


def _saved_rows_as_posted(data, saved_by_id: dict) -> list[dict]:
    try:
        count = min(int(data.get(f"{PHASES_PREFIX}-INITIAL_FORMS", 0)), PhaseFormSet.absolute_max)
    except ValueError:
        return []  # the formset says its management form is broken
    rows = []
    for index in range(max(count, 0)):
        posted_id = str(data.get(f"{PHASES_PREFIX}-{index}-id", ""))
        rows.append(saved_by_id.get(int(posted_id), {}) if posted_id.isdigit() else {})
    return rows


class JoinForm(BootstrapFormMixin, forms.Form):
    stakeholder_type = forms.ChoiceField(
        label=_("I take part as"),
        choices=StakeholderType.choices,
        initial=StakeholderType.RESIDENT,
        help_text=_("Shown only as a count, so the arena can see whose voices it hears."),
    )


class JoinRequestForm(JoinForm):
    note = forms.CharField(
        label=_("A short note to the facilitators"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why would you like to take part? Optional."),
    )


class PlaybookForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Playbook name"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When would another team use it? What did you learn?"),
    )


class DirectoryFilterForm(BootstrapFormMixin, forms.Form):
    """The directory's search and filters. Unknown values still filter (and find nothing), so a stale
    link shows an empty result rather than everything."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Organisation"), required=False, widget=forms.Select)
    topic = forms.CharField(label=_("Topic"), required=False, widget=forms.Select)
    phase = forms.CharField(label=_("Current phase"), required=False, widget=forms.Select)
    status = forms.CharField(label=_("Status"), required=False, widget=forms.Select)
    archived = forms.BooleanField(label=_("Include archived arenas"), required=False)

    def __init__(self, *args, organisations=(), topics=(), phases=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        any_label = _("Any")
        self.fields["organisation"].widget.choices = [("", any_label), *organisations]
        self.fields["topic"].widget.choices = [("", any_label), *topics]
        self.fields["phase"].widget.choices = [("", any_label), *((name, name) for name in phases)]
        self.fields["status"].widget.choices = [("", any_label), *statuses]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "organisation": data["organisation"],
            "topic": data["topic"],
            "phase": data["phase"],
            "status": data["status"],
            "include_archived": data["archived"],
        }

    @property
    def is_filtered(self) -> bool:
        return any(self.filters().values())


class SearchForm(BootstrapFormMixin, forms.Form):
    """``/search/``: what to look for, of which kind, in which arena (the arena comes from a link)."""

    q = forms.CharField(label=_("Search for"), required=False)
    type = forms.ChoiceField(label=_("Show"), required=False)
    arena = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Everything")), *kinds]
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs.update(
            {"autocomplete": "off", "enterkeyhint": "search", "aria-describedby": "search-help"}
        )

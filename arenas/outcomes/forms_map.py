"""The stakeholder map's editing form: one fieldset per stakeholder type (the declared groups first, in
their order), each with "this arena needs them", a description and a target. Works on a phone and by
keyboard without any script; the service validates the whole map and its errors come back next to the
fields (``groups.<row>.<field>`` mapped to this form's field)."""

from django import forms
from django.utils.translation import gettext as _

from arenas.models import StakeholderType
from platform_core.forms import BootstrapFormMixin

from .services.map import DESCRIPTION_MAX, TARGET_MAX, TARGET_MIN


class StakeholderMapForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, groups=(), **kwargs):
        declared = {group.stakeholder_type: group for group in groups}
        self.kinds = [kind for kind in declared if kind in StakeholderType.values] + [
            kind for kind in StakeholderType.values if kind not in declared
        ]
        initial = kwargs.pop("initial", None) or {}
        for kind, group in declared.items():
            initial.setdefault(f"{kind}-needed", True)
            initial.setdefault(f"{kind}-description", group.description)
            initial.setdefault(f"{kind}-target", group.target)
        super().__init__(*args, initial=initial, **kwargs)
        labels = dict(StakeholderType.choices)
        for kind in self.kinds:
            label = labels[kind]
            self.fields[f"{kind}-needed"] = forms.BooleanField(
                label=_("%(type)s: this arena needs them") % {"type": label}, required=False
            )
            self.fields[f"{kind}-description"] = forms.CharField(
                label=_("%(type)s: who exactly") % {"type": label},
                required=False,
                max_length=DESCRIPTION_MAX,
                help_text=_("In plain words, e.g. “parents of pupils at Northbridge East”."),
            )
            self.fields[f"{kind}-target"] = forms.IntegerField(
                label=_("%(type)s: how many you aim for") % {"type": label},
                required=False,
                min_value=TARGET_MIN,
                max_value=TARGET_MAX,
            )

    def clean(self):
        cleaned = super().clean()
        for kind in self.kinds:
            needed, target = cleaned.get(f"{kind}-needed"), f"{kind}-target"
            if needed and cleaned.get(target) is None and target not in self.errors:
                self.add_error(f"{kind}-target", _("Say how many of them the arena needs."))
        return cleaned

    def rows(self) -> list[dict]:
        """One fieldset per type for the template: its legend and its three bound fields."""
        labels = dict(StakeholderType.choices)
        return [
            {
                "kind": kind,
                "label": labels[kind],
                "needed": self[f"{kind}-needed"],
                "description": self[f"{kind}-description"],
                "target": self[f"{kind}-target"],
            }
            for kind in self.kinds
        ]

    def groups(self) -> list[dict]:
        """The groups ticked as needed, in the form's order, for ``stakeholder_map_set``."""
        data = self.cleaned_data
        return [
            {
                "stakeholder_type": kind,
                "description": data.get(f"{kind}-description") or "",
                "target": data.get(f"{kind}-target"),
            }
            for kind in self.kinds
            if data.get(f"{kind}-needed")
        ]

    def field_names(self) -> dict[str, str]:
        """The service's ``groups.<row>.<field>`` names as this form's field names."""
        names = {}
        for index, group in enumerate(self.groups()):
            kind = group["stakeholder_type"]
            for field in ("stakeholder_type", "description", "target"):
                names[f"groups.{index}.{field}"] = (
                    f"{kind}-{'needed' if field == 'stakeholder_type' else field}"
                )
        return names

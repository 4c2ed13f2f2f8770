"""The decision form on the thread and prototype pages (and on the page that shows its errors). The form
reads what was typed; the service (``decision_create``) says what is wrong with it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin, HtmlDateField

from .models import Decision


class DecisionForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision: adopted, adapted, declined or deferred.")},
    )
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Everyone who took part is told, and reads this. Say what you decided and why."),
        error_messages={"required": _("Say why: the people who took part will read it.")},
    )
    review_on = HtmlDateField(
        label=_("Review date"),
        required=False,
        help_text=_("Optional. On this day the conveners are reminded to look at the decision again."),
    )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"outcome": data["outcome"], "reason": data["reason"], "review_on": data.get("review_on")}

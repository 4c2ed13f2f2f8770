"""Checks the API's input serializers share."""

from django.utils.translation import gettext as _
from rest_framework import serializers


def refuse_unknown_fields(serializer: serializers.Serializer) -> None:
    """A PATCH names only fields that can be changed there, and at least one."""
    initial = serializer.initial_data if isinstance(serializer.initial_data, dict) else {}
    unknown = sorted(set(initial) - set(serializer.fields))
    if unknown:
        raise serializers.ValidationError({name: [_("This cannot be changed here.")] for name in unknown})
    if not initial:
        raise serializers.ValidationError(_("Send at least one field to change."))

"""Where a new thing came from, in a create request: one integer field per source a part registered
(``parts.thread_sources``, ``prototypes.panels.prototype_sources``), resolved for the arena and the
caller into the ``sources`` the create service attaches."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

# The largest id PostgreSQL's integer holds: a larger one is refused here rather than by the database.
MAX_ID = 2**31 - 1


class SourceFields:
    """Mix into a create serializer with ``source_registry``; its context has ``arena`` and ``user``.
    A source the caller may not use is a ``Refused`` (403), raised from ``validate``."""

    source_registry = ()
    sources_key = "sources"  # the create service's parameter

    def get_fields(self):
        fields = super().get_fields()
        for source in self.source_registry:
            fields[source.field] = serializers.IntegerField(
                required=False, allow_null=True, min_value=1, max_value=MAX_ID, help_text=source.help_text
            )
        return fields

    def validate(self, attrs):
        attrs = super().validate(attrs)
        sources = []
        for source in self.source_registry:
            value = attrs.pop(source.field, None)
            if value is None:
                continue
            try:
                obj = source.resolve(arena=self.context["arena"], value=value, user=self.context["user"])
            except DjangoValidationError as error:
                raise serializers.ValidationError({source.field: error.messages}) from None
            sources.append((source, obj))
        attrs[self.sources_key] = sources
        return attrs

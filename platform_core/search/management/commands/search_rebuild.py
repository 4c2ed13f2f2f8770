"""Build the search index again from what the parts hold (after an upgrade, or if it is ever in doubt)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from platform_core.search.models import SearchDocument
from platform_core.search.registry import kinds
from platform_core.search.services import documents_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every kind (or of the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", help="Kinds to rebuild (default: all): " + ", ".join(k.key for k in kinds)
        )

        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the index holds nothing (after an upgrade)."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and SearchDocument.objects.exists():
            return
        unknown = [key for key in options["kinds"] if key not in kinds]
        if unknown:
            self.stderr.write(f"Unknown kinds: {', '.join(unknown)}")
            return
        with transaction.atomic():
            counts = documents_rebuild(kind_keys=options["kinds"])
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count} documents")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from platform_core import demo


class Command(BaseCommand):
    help = "Load the demo organisation and accounts (idempotent). --reset starts over."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete the demo data first.")

    def handle(self, *args, reset=False, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is never loaded with production settings.")
        demo.seed(reset=reset)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo accounts (password: {demo.DEMO_PASSWORD}):")
        for account in demo.ACCOUNTS:
            self.stdout.write(f"  {account.email}")

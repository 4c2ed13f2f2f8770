from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from platform_core.links import site_address_record, site_url


class Command(BaseCommand):
    help = (
        "Record the address the server serves on (HOST:PORT or a URL) as the site's domain, so that emails "
        "sent by any process — a worker, send_digests run by hand — link there. `make run` runs it before "
        "starting the server. An explicit SITE_URL in the environment still wins."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", help="For example 127.0.0.1:8000 or http://127.0.0.1:8000")

    def handle(self, *args, address, **options):
        try:
            site = site_address_record(address=address)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Emails link to {site_url()} (site domain {site.domain}).")

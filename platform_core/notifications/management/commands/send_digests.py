from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from platform_core.notifications import delivery, digests


class Command(BaseCommand):
    help = (
        "Send the digests that are due now (beat runs the same code hourly). --now sends each person's digest "
        "of everything new regardless of schedule; --user EMAIL limits it to one person."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Ignore the schedule: digest everything new now."
        )
        parser.add_argument("--user", metavar="EMAIL", help="Only this person.")

    def handle(self, *args, now=False, user=None, **options):
        user_ids = None
        if user:
            person = get_user_model().objects.filter(email__iexact=user).first()
            if person is None:
                raise CommandError(f"No account with the email {user}.")
            user_ids = [person.pk]
        if now:
            run_ids = digests.digest_runs_create_now(user_ids=user_ids)
        else:
            run_ids = digests.digest_runs_create_due(user_ids=user_ids)
        sent = 0
        for run_id in run_ids:
            # The same services the worker runs; a worker racing us finds the work already claimed.
            delivery_id = digests.digest_build(run_id=run_id)
            if delivery_id and delivery.delivery_send(delivery_id=delivery_id).status == "sent":
                sent += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest(s) of {len(run_ids)} due."))

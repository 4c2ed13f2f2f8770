from celery import shared_task
from django.utils import timezone

from .models import Heartbeat


@shared_task(name="platform_core.tasks.heartbeat", ignore_result=True)
def heartbeat(key: str = "worker") -> None:
    """Record that a worker is alive and consuming (beat runs this every minute)."""
    Heartbeat.objects.update_or_create(key=key, defaults={"seen_at": timezone.now()})

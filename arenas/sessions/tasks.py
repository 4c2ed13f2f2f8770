"""Thin tasks: call a service."""

from celery import shared_task

from .services.reminders import reminders_send


@shared_task(name="sessions.send_reminders")
def send_reminders() -> int:
    """Every five minutes (beat): a day and an hour before each session, its registered people are told."""
    return reminders_send()

"""Thin tasks: call a service."""

from celery import shared_task

from .services.reviews import reviews_remind


@shared_task(name="outcomes.remind_reviews")
def remind_reviews() -> int:
    """Every hour (beat): the conveners of each decision whose review date has come are told, once."""
    return reviews_remind()

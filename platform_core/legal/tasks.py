"""Thin tasks: call a service."""

from celery import shared_task

from . import services


@shared_task(name="legal.apply_new_versions")
def apply_new_versions() -> int:
    """Every ten minutes (beat): a version whose day has come asks signed-in people to accept it."""
    return services.legal_versions_apply()

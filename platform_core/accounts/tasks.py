"""Thin tasks: call a service. Idempotence lives in the services."""

from celery import shared_task

from . import services


@shared_task(name="accounts.tell_handle_changes")
def tell_handle_changes() -> int:
    """Every five minutes (beat): tell whoever had their handle changed for them, once each."""
    told = total = services.handle_changes_tell()
    while told:
        told = services.handle_changes_tell()
        total += told
    return total

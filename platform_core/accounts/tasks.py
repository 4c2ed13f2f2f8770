"""Thin tasks: call a service. Idempotence lives in the services."""

from celery import shared_task

from . import data_export, retention, services


@shared_task(name="accounts.tell_handle_changes")
def tell_handle_changes() -> int:
    """Every five minutes (beat): tell whoever had their handle changed for them, once each."""
    told = total = services.handle_changes_tell()
    while told:
        told = services.handle_changes_tell()
        total += told
    return total


@shared_task(name="accounts.build_data_export", acks_late=True)
def build_data_export(export_id: int) -> str:
    return data_export.data_export_build(export_id=export_id)


@shared_task(name="accounts.expire_data_exports")
def expire_data_exports() -> int:
    """Hourly (beat): archives past their days are deleted; requests the broker lost are queued again."""
    return data_export.data_exports_expire() + data_export.data_exports_requeue_stale()


@shared_task(name="accounts.sweep_inactive_accounts")
def sweep_inactive_accounts() -> dict:
    """Daily (beat): warn the long inactive, delete those warned 30 days ago who did not come back."""
    return retention.inactive_accounts_sweep()

"""Refreshing source data: requests, per-source runs, and the services the Celery tasks call."""

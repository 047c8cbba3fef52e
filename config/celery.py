"""The Celery application: settings come from Django's under the CELERY_ namespace.

The periodic schedule lives in django-celery-beat's tables (editable in the admin); when beat starts, the
weekly refresh is created there unless it exists already.
"""

import logging
import os

from celery import Celery
from celery.signals import beat_init, before_task_publish, task_postrun, task_prerun, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("nicherank")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def install_default_schedule(sender=None, **kwargs) -> None:
    """Create the weekly source refresh in the beat tables the first time beat starts."""
    from targets.refresh.schedule import refresh_schedule_ensure

    refresh_schedule_ensure()


@worker_ready.connect
def catch_up_at_start(sender=None, **kwargs) -> None:
    """A starting worker publishes what the outbox kept during an outage and reaps lost refresh runs."""
    from targets.outbox import outbox_drain
    from targets.refresh.liveness import refresh_runs_reap

    try:
        logging.getLogger(__name__).info("worker start: outbox %s, reaped %s", outbox_drain(), refresh_runs_reap())
    except Exception:  # the database may still be starting; beat's maintenance task repeats this every minute
        logging.getLogger(__name__).exception("worker start: catching up failed")


@before_task_publish.connect
def carry_request_id(headers=None, **kwargs) -> None:
    """Tasks queued while serving a request carry its id (logs of both share it)."""
    from targets.logging import request_id_var

    if headers is not None and not headers.get("request_id") and request_id_var.get():
        headers["request_id"] = request_id_var.get()


@task_prerun.connect
def adopt_request_id(task=None, **kwargs) -> None:
    from targets.logging import request_id_var

    request_id = getattr(task.request, "request_id", None) or (task.request.headers or {}).get("request_id")
    if request_id and not task.request.is_eager:
        task.request.request_id_token = request_id_var.set(request_id)


@task_postrun.connect
def drop_request_id(task=None, **kwargs) -> None:
    from targets.logging import request_id_var

    token = getattr(task.request, "request_id_token", None)
    if token is not None:
        request_id_var.reset(token)

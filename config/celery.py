"""The Celery application: settings come from Django's under the CELERY_ namespace.

The periodic schedule lives in django-celery-beat's tables (editable in the admin); when beat starts, the
weekly refresh is created there unless it exists already.
"""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("nicherank")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def install_default_schedule(sender=None, **kwargs) -> None:
    """Create the weekly source refresh in the beat tables the first time beat starts."""
    from targets.refresh.schedule import refresh_schedule_ensure

    refresh_schedule_ensure()

from django.apps import AppConfig


class TargetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "targets"
    verbose_name = "NicheRank targets"

    def ready(self) -> None:
        from targets import (
            signals,  # noqa: F401  (connects the receivers)
            tasks,  # noqa: F401  (registers the Celery tasks the outbox publishes by name)
        )

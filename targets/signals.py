"""Signal receivers: a password change ends the user's API tokens (sessions end through Django's own hash
check)."""

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def revoke_tokens_on_password_change(sender, instance, raw=False, **kwargs) -> None:
    """Delete the user's tokens when the stored password hash changes."""
    if raw or instance.pk is None:
        return
    from rest_framework.authtoken.models import Token

    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()

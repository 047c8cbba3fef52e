"""Team deliberation: comments, each member's stance, the team's decision, shortlists and the append-only log.

Nothing here is edited in place without a log entry: every stance change, team decision and shortlist change
appends a `DecisionLogEntry` (who, when, what, why) in the same transaction (targets.deliberation.services).
Comments are append-only themselves (author and time, never edited)."""

from django.conf import settings
from django.db import models

from targets.models.catalogue import Target

COMMENT_MAX = 4000
REASON_MAX = 1000
NOTE_MAX = 500
SHORTLIST_NAME_MAX = 100


class StanceChoice(models.TextChoices):
    PURSUE = "pursue", "pursue"
    WATCH = "watch", "watch"
    DROP = "drop", "drop"


class Comment(models.Model):
    """One remark in a target's discussion (append-only)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.target} by {self.author}"


class MemberStance(models.Model):
    """One member's current stance on a target (the log keeps every earlier one)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="member_stances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stance = models.CharField(max_length=10, choices=StanceChoice.choices)
    reason = models.TextField(max_length=REASON_MAX)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target__symbol", "user__username"]
        constraints = [models.UniqueConstraint(fields=["target", "user"], name="unique_member_stance")]

    def __str__(self) -> str:
        return f"{self.user} on {self.target}: {self.stance}"


class TeamDecision(models.Model):
    """The team's current decision on a target, set by curators; `version` counts the decisions made."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="team_decision")
    stance = models.CharField(max_length=10, choices=StanceChoice.choices)
    reason = models.TextField(max_length=REASON_MAX)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.target}: {self.stance}"


class Shortlist(models.Model):
    """A named, ordered list of targets a team is building."""

    name = models.CharField(max_length=SHORTLIST_NAME_MAX, unique=True)
    slug = models.SlugField(max_length=SHORTLIST_NAME_MAX, unique=True)
    description = models.TextField(max_length=REASON_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ShortlistItem(models.Model):
    """A target on a shortlist, at a position (1 = first), with the note it was added with."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="shortlist_items")
    position = models.PositiveIntegerField()
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shortlist", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "target"], name="unique_shortlist_target")]

    def __str__(self) -> str:
        return f"{self.shortlist}: {self.position}. {self.target}"


class LogAction(models.TextChoices):
    STANCE = "stance", "member stance"
    DECISION = "decision", "team decision"
    SHORTLIST_ADD = "shortlist_add", "added to shortlist"
    SHORTLIST_REMOVE = "shortlist_remove", "removed from shortlist"
    SHORTLIST_MOVE = "shortlist_move", "moved on shortlist"


class DecisionLogEntry(models.Model):
    """One entry of a target's decision log: who did what, when and why (append-only; never updated)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="decision_log")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=LogAction.choices)
    stance_before = models.CharField(max_length=10, choices=StanceChoice.choices, blank=True)
    stance_after = models.CharField(max_length=10, choices=StanceChoice.choices, blank=True)
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    shortlist = models.ForeignKey(Shortlist, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    shortlist_name = models.CharField(max_length=SHORTLIST_NAME_MAX, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "decision log entries"

    def __str__(self) -> str:
        return f"{self.target} {self.action} by {self.actor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("decision log entries are append-only")
        super().save(*args, **kwargs)

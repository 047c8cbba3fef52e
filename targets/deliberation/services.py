"""Writes of the team deliberation. Each one validates every field first (a field error names the field), runs in
one transaction, locks the row it changes (concurrent writes queue instead of losing one) and appends its
decision-log entry in the same transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify

from targets.models import Target
from targets.models.deliberation import (
    COMMENT_MAX,
    NOTE_MAX,
    REASON_MAX,
    SHORTLIST_NAME_MAX,
    Comment,
    DecisionLogEntry,
    LogAction,
    MemberStance,
    Shortlist,
    ShortlistItem,
    StanceChoice,
    TeamDecision,
)
from targets.security.roles import is_curator


class StaleDecision(Exception):
    """The team decision changed since the writer read it (its `expected_version` is not the current one)."""

    def __init__(self, current: TeamDecision) -> None:
        super().__init__(f"the decision is at version {current.version}; read it again before changing it")
        self.current = current


def clean_text(field: str, value, *, max_length: int, required: bool) -> str:
    """The stripped text, or a ValidationError naming `field` (not text, NUL bytes, too long, empty)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: ["Must be text."]})
    if "\x00" in value:
        raise ValidationError({field: ["NUL characters are not allowed."]})
    value = value.strip()
    if len(value) > max_length:
        raise ValidationError({field: [f"At most {max_length} characters (this has {len(value)})."]})
    if required and not value:
        raise ValidationError({field: ["This field is required."]})
    return value


def clean_stance(value) -> str:
    if value not in StanceChoice.values:
        raise ValidationError({"stance": [f"Choose one of {', '.join(StanceChoice.values)}."]})
    return value


def _signed_in(user) -> None:
    if not (user and user.is_authenticated):
        raise PermissionDenied("Taking part in the discussion needs a signed-in user.")


def _curator(user) -> None:
    if not is_curator(user):
        raise PermissionDenied("Team decisions and shortlists need the curator role.")


def _locked_target(target: Target) -> Target:
    return Target.objects.select_for_update().only("pk", "symbol").get(pk=target.pk)


def comment_add(*, target: Target, user, body) -> Comment:
    """Add a comment by a signed-in member."""
    _signed_in(user)
    body = clean_text("body", body, max_length=COMMENT_MAX, required=True)
    return Comment.objects.create(target=target, author=user, body=body)


@transaction.atomic
def stance_set(*, target: Target, user, stance, reason) -> MemberStance:
    """Set the member's own stance on a target (a reason is required) and log the change."""
    _signed_in(user)
    stance = clean_stance(stance)
    reason = clean_text("reason", reason, max_length=REASON_MAX, required=True)
    _locked_target(target)
    current = MemberStance.objects.filter(target=target, user=user).first()
    before = current.stance if current else ""
    if current is None:
        current = MemberStance(target=target, user=user)
    current.stance, current.reason = stance, reason
    current.save()
    DecisionLogEntry.objects.create(
        target=target, actor=user, action=LogAction.STANCE, stance_before=before, stance_after=stance, reason=reason
    )
    return current


@transaction.atomic
def decision_set(*, target: Target, user, stance, reason, expected_version: int | None = None) -> TeamDecision:
    """Record the team's decision on a target (curators; a reason is required) and log it. With
    `expected_version`, refuse (StaleDecision) when someone decided in between."""
    _curator(user)
    stance = clean_stance(stance)
    reason = clean_text("reason", reason, max_length=REASON_MAX, required=True)
    _locked_target(target)  # every decision on this target queues here: none is lost
    current = TeamDecision.objects.filter(target=target).first()
    if expected_version is not None and (current.version if current else 0) != expected_version:
        if current is None:
            raise ValidationError({"expected_version": ["There is no decision yet: send 0 or leave it out."]})
        raise StaleDecision(current)
    before = current.stance if current else ""
    if current is None:
        current = TeamDecision(target=target, version=0)
    current.stance, current.reason, current.decided_by = stance, reason, user
    current.version += 1
    current.save()
    DecisionLogEntry.objects.create(
        target=target, actor=user, action=LogAction.DECISION, stance_before=before, stance_after=stance, reason=reason
    )
    return current


def shortlist_create(*, name, description="", user) -> Shortlist:
    """A new, empty shortlist (curators); its slug comes from the name."""
    _curator(user)
    name = clean_text("name", name, max_length=SHORTLIST_NAME_MAX, required=True)
    description = clean_text("description", description, max_length=REASON_MAX, required=False)
    slug = slugify(name)
    if not slug:
        raise ValidationError({"name": ["Use at least one letter or digit."]})
    if Shortlist.objects.filter(slug=slug).exists() or Shortlist.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": [f"A shortlist named like '{name}' exists already."]})
    return Shortlist.objects.create(name=name, slug=slug, description=description, created_by=user)


def _locked_shortlist(shortlist: Shortlist) -> Shortlist:
    return Shortlist.objects.select_for_update().get(pk=shortlist.pk)


def _log_shortlist(shortlist, target, user, action, reason="") -> None:
    DecisionLogEntry.objects.create(
        target=target, actor=user, action=action, reason=reason, shortlist=shortlist, shortlist_name=shortlist.name
    )


@transaction.atomic
def shortlist_add(*, shortlist: Shortlist, target: Target, user, note="", position: int | None = None) -> ShortlistItem:
    """Put a target on a shortlist with a note, at `position` (1 = first; default last), and log it."""
    _curator(user)
    note = clean_text("note", note, max_length=NOTE_MAX, required=False)
    _locked_shortlist(shortlist)
    if shortlist.items.filter(target=target).exists():
        raise ValidationError({"target": [f"{target.symbol} is on {shortlist.name} already."]})
    last = shortlist.items.aggregate(last=Max("position"))["last"] or 0
    if position is None:
        position = last + 1
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        raise ValidationError({"position": ["A whole number from 1."]})
    position = min(position, last + 1)
    shortlist.items.filter(position__gte=position).update(position=F("position") + 1)
    item = ShortlistItem.objects.create(shortlist=shortlist, target=target, position=position, note=note, added_by=user)
    _log_shortlist(shortlist, target, user, LogAction.SHORTLIST_ADD, note)
    return item


@transaction.atomic
def shortlist_remove(*, shortlist: Shortlist, target: Target, user, reason="") -> None:
    """Take a target off a shortlist (the others close the gap) and log it."""
    _curator(user)
    reason = clean_text("reason", reason, max_length=REASON_MAX, required=False)
    _locked_shortlist(shortlist)
    item = shortlist.items.filter(target=target).first()
    if item is None:
        raise ValidationError({"target": [f"{target.symbol} is not on {shortlist.name}."]})
    item.delete()
    shortlist.items.filter(position__gt=item.position).update(position=F("position") - 1)
    _log_shortlist(shortlist, target, user, LogAction.SHORTLIST_REMOVE, reason)


@transaction.atomic
def shortlist_move(*, shortlist: Shortlist, target: Target, position, user) -> None:
    """Move a target to another position on its shortlist and log it."""
    _curator(user)
    _locked_shortlist(shortlist)
    items = list(shortlist.items.order_by("position", "pk"))
    item = next((each for each in items if each.target_id == target.pk), None)
    if item is None:
        raise ValidationError({"target": [f"{target.symbol} is not on {shortlist.name}."]})
    if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= len(items):
        raise ValidationError({"position": [f"A whole number from 1 to {len(items)}."]})
    items.remove(item)
    items.insert(position - 1, item)
    for index, each in enumerate(items, start=1):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    _log_shortlist(shortlist, target, user, LogAction.SHORTLIST_MOVE, f"to position {position}")

"""A target's discussion page (comments, stances, team decision, decision log) and the team's shortlists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from targets.deliberation import services
from targets.deliberation.exports import shortlist_csv_response
from targets.deliberation.selectors import discussion, shortlist_rows
from targets.models import Target
from targets.models.deliberation import COMMENT_MAX, NOTE_MAX, REASON_MAX, Shortlist, StanceChoice
from targets.security.roles import is_curator
from targets.web.access import read_access_required
from targets.web.runs import shown_run
from targets.web.views.target import target_not_found

LIMITS = {"comment_max": COMMENT_MAX, "reason_max": REASON_MAX, "note_max": NOTE_MAX}


def _field_errors(error: ValidationError, form: str) -> dict[str, list[str]]:
    """{"<form>-<field>": [messages]} for the template."""
    if hasattr(error, "error_dict"):
        return {f"{form}-{field}": messages for field, messages in error.message_dict.items()}
    return {f"{form}-__all__": error.messages}


def _write(form: str, action):
    """Run a service write; (None, errors) on a field error, (result, {}) otherwise; 403/redirect for roles."""
    try:
        return action(), {}
    except ValidationError as error:
        return None, _field_errors(error, form)


# POST action -> (service taking stance and reason, refusal for non-curators or None, success message)
_STANCE_WRITES = {
    "stance": (services.stance_set, None, "Your stance is recorded."),
    "decision": (services.decision_set, "Team decisions need the curator role.", "Team decision recorded."),
}


def _target_write(request, target: Target) -> tuple[dict, str]:
    """Apply the POSTed action to the target's discussion: (errors, message)."""
    action = request.POST.get("action", "")
    data = request.POST
    if action == "comment":
        _, errors = _write(
            "comment", lambda: services.comment_add(target=target, user=request.user, body=data.get("body"))
        )
        return errors, "Comment added."
    if action in _STANCE_WRITES:
        service, curators_only, done = _STANCE_WRITES[action]
        if curators_only and not is_curator(request.user):
            raise PermissionDenied(curators_only)
        _, errors = _write(
            action,
            lambda: service(target=target, user=request.user, stance=data.get("stance"), reason=data.get("reason")),
        )
        return errors, done
    if action == "shortlist":
        if not is_curator(request.user):
            raise PermissionDenied("Shortlists need the curator role.")
        shortlist = Shortlist.objects.filter(slug=data.get("shortlist", "")).first()
        if shortlist is None:
            return {"shortlist-shortlist": ["Choose a shortlist."]}, ""
        _, errors = _write(
            "shortlist",
            lambda: services.shortlist_add(
                shortlist=shortlist, target=target, user=request.user, note=data.get("note")
            ),
        )
        return errors, f"{target.symbol} added to {shortlist.name}."
    return {"action-__all__": ["Unknown action."]}, ""


@require_http_methods(["GET", "POST"])
@read_access_required
def target_discussion(request, symbol: str):
    """The discussion of one target; POST adds a comment, sets the member's stance or (curators) decides."""
    target = Target.objects.filter(symbol=symbol.upper()).only("pk", "symbol", "name").first()
    if target is None:
        return target_not_found(request, symbol)
    errors: dict = {}
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        errors, done = _target_write(request, target)
        if not errors:
            messages.success(request, done)
            return redirect(reverse("target-discussion", args=[target.symbol]) + "#discussion")
    context = {
        "target": target,
        **discussion(target),
        "errors": errors,
        "posted": request.POST,
        **LIMITS,
        "stance_choices": StanceChoice.choices,
        "open_shortlists": Shortlist.objects.exclude(items__target=target),
    }
    return render(request, "deliberation/discussion.html", context, status=400 if errors else 200)


def _shortlist_refusal(request):
    """None for a curator; the login page for a visitor; 403 for a member without the curator role."""
    if is_curator(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("Shortlists need the curator role.")


@require_http_methods(["GET", "POST"])
@read_access_required
def shortlists(request):
    """Every shortlist; curators create one."""
    errors: dict = {}
    if request.method == "POST":
        refused = _shortlist_refusal(request)
        if refused is not None:
            return refused
        created, errors = _write(
            "shortlist",
            lambda: services.shortlist_create(
                name=request.POST.get("name"), description=request.POST.get("description"), user=request.user
            ),
        )
        if created:
            messages.success(request, f"Shortlist {created.name} created.")
            return redirect("shortlist-detail", slug=created.slug)
    lists = Shortlist.objects.select_related("created_by").prefetch_related("items__target")
    context = {"shortlists": lists, "errors": errors, "posted": request.POST, **LIMITS}
    return render(request, "deliberation/shortlists.html", context, status=400 if errors else 200)


def _shortlist_write(request, shortlist: Shortlist) -> tuple[dict, str]:
    data = request.POST
    action = data.get("action", "")
    target = Target.objects.filter(symbol=(data.get("symbol") or "").strip().upper()).first()
    if target is None:
        return {f"{action or 'add'}-symbol": [f"No curated target '{data.get('symbol', '')}'."]}, ""
    if action == "add":
        _, errors = _write(
            "add",
            lambda: services.shortlist_add(
                shortlist=shortlist, target=target, user=request.user, note=data.get("note")
            ),
        )
        return errors, f"{target.symbol} added."
    if action == "remove":
        _, errors = _write(
            "remove", lambda: services.shortlist_remove(shortlist=shortlist, target=target, user=request.user)
        )
        return errors, f"{target.symbol} removed."
    if action == "move":
        try:
            position = int(data.get("position", ""))
        except ValueError:
            return {"move-position": ["A whole number."]}, ""
        _, errors = _write(
            "move",
            lambda: services.shortlist_move(shortlist=shortlist, target=target, user=request.user, position=position),
        )
        return errors, f"{target.symbol} moved to position {position}."
    return {"action-__all__": ["Unknown action."]}, ""


@require_http_methods(["GET", "POST"])
@read_access_required
def shortlist_detail(request, slug: str):
    """One shortlist in order with each target's rank, score and team stance; curators add, remove, move."""
    shortlist = get_object_or_404(Shortlist, slug=slug)
    errors: dict = {}
    if request.method == "POST":
        refused = _shortlist_refusal(request)
        if refused is not None:
            return refused
        errors, done = _shortlist_write(request, shortlist)
        if not errors:
            messages.success(request, done)
            return redirect("shortlist-detail", slug=shortlist.slug)
    run = shown_run(request)
    context = {
        "shortlist": shortlist,
        "rows": shortlist_rows(shortlist, run),
        "run": run,
        "errors": errors,
        "posted": request.POST,
        "candidates": Target.objects.exclude(shortlist_items__shortlist=shortlist).values_list("symbol", flat=True),
        **LIMITS,
    }
    return render(request, "deliberation/shortlist.html", context, status=400 if errors else 200)


@read_access_required
def shortlist_export_csv(request, slug: str):
    """The shortlist as CSV with the targets' current rank, score and stance."""
    shortlist = get_object_or_404(Shortlist, slug=slug)
    run = shown_run(request)
    return shortlist_csv_response(shortlist, shortlist_rows(shortlist, run), run)

"""Curators' forms: evidence, targets, profiles (new versions) and evidence CSV import."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scoring.criteria import CRITERION_KEYS
from scoring.errors import FieldError
from targets.curation.evidence_import import evidence_import
from targets.models import Evidence, ScoringProfile, Target
from targets.outbox import pending_var
from targets.ranking.profiles import profile_save_version
from targets.ranking.services import enqueue_rerank
from targets.web.access import curator_required, read_access_required
from targets.web.definitions import criterion_definitions
from targets.web.forms import EvidenceForm, EvidenceImportForm, NewProfileForm, ProfileForm, TargetForm
from targets.web.whatif_query import form_initial

NEW_PROFILE_INITIAL = {"method": "weighted_sum", "min_coverage": 0.0, "top_k": 10, "concentration": 50.0}

logger = logging.getLogger(__name__)


def _rerank(request, profile_id: int | None = None, *, triggered_by: str) -> None:
    """Queue the re-rank the API queues after the same save (a profile: that version; else the default).

    The save is committed by now (these views run in autocommit, so the on-commit hook fires at once and, with
    eager Celery, ranks in this request). enqueue_rerank logs a re-rank that fails; should queueing itself
    fail, it is logged here and shown as a warning: a committed save never answers 500."""
    try:
        enqueue_rerank(profile_id, triggered_by=triggered_by)
        if pending_var.get():
            messages.warning(
                request, "Saved. The task queue is unreachable: the ranking will be updated as soon as it is back."
            )
    except Exception:
        logger.exception("Saved, but the re-rank (%s) failed", triggered_by)
        messages.warning(
            request, "Saved, but the ranking could not be updated: the ranking page shows the previous run for now."
        )


@curator_required
def evidence_edit(request, symbol: str, pk: int | None = None):
    """Add evidence to a target, or edit one item of its evidence."""
    target = get_object_or_404(Target, symbol=symbol.upper())
    evidence = get_object_or_404(Evidence, pk=pk, target=target) if pk else None
    form = EvidenceForm(request.POST or None, instance=evidence, target=target)
    if request.method == "POST" and form.is_valid():
        saved = form.save(user=request.user)
        messages.success(request, f"Evidence {saved.citation} {'updated' if evidence else 'added'} for {target}.")
        _rerank(request, triggered_by="evidence edited" if evidence else "evidence added")
        return redirect(reverse("target-detail", args=[target.symbol]) + "#evidence-h")
    return render(request, "curation/evidence_form.html", {"form": form, "target": target, "evidence": evidence})


@curator_required
def target_edit(request, symbol: str | None = None):
    """Add a target, or edit one."""
    target = get_object_or_404(Target, symbol=symbol.upper()) if symbol else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        saved = _target_save(form, target)
        if saved is None:
            return render(request, "curation/target_form.html", {"form": form, "target": target}, status=409)
        messages.success(request, f"Target {saved.symbol} {'updated' if target else 'added'}.")
        _rerank(request, triggered_by=f"target {saved.symbol} {'edited' if target else 'added'}")
        return redirect("target-detail", saved.symbol)
    return render(request, "curation/target_form.html", {"form": form, "target": target})


def _target_save(form: TargetForm, target: Target | None) -> Target | None:
    """Save under the row lock and raise the version; None (and a form error) when someone saved since the
    curator opened the page: their edit is not overwritten."""
    if target is None:
        return form.save()
    with transaction.atomic():
        current = Target.objects.select_for_update().get(pk=target.pk)
        seen = form.cleaned_data.get("seen_version")
        if seen is not None and seen != current.version:
            form.add_error(
                None,
                f"{current.symbol} was changed by someone else since you opened this page (now version "
                f"{current.version}). Reload the page to see their change, then apply yours again.",
            )
            return None
        saved = form.save(commit=False)
        saved.version = current.version + 1
        saved.save()
        return saved


@read_access_required
def profile_list(request):
    """Every scoring profile with all its versions, who saved each and when."""
    profiles: dict[str, list[ScoringProfile]] = {}
    for profile in ScoringProfile.objects.select_related("owner").order_by("name", "-version"):
        profiles.setdefault(profile.name, []).append(profile)
    context = {"profiles": profiles, "definitions": criterion_definitions()}
    return render(request, "curation/profile_list.html", context)


@curator_required
def profile_edit(request, name: str | None = None):
    """Save a profile's new version (or a new profile); the current version fills the form."""
    current = get_object_or_404(ScoringProfile, name=name, is_current=True) if name else None
    initial = ProfileForm.initial_from(current) if current else NEW_PROFILE_INITIAL
    initial = {**initial, **form_initial(request.GET)}  # a link from the sliders starts from their weights
    form = (ProfileForm if current else NewProfileForm)(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _profile_save(request, form, name if current else form.cleaned_data["name"])
        if saved is not None:
            return saved
    return render(request, "curation/profile_form.html", {"form": form, "current": current})


@curator_required
@require_POST
def profile_save_weights(request, name: str):
    """Save the sliders' weights and method as profile ``name``'s next version, through the profile form's
    validation (its other settings are the current version's); a refused value shows the form with the error."""
    current = get_object_or_404(ScoringProfile, name=name, is_current=True)
    data = ProfileForm.initial_from(current)
    for key in CRITERION_KEYS:  # the raw values, so the form names a bad one rather than keeping the stored
        if key in request.POST:
            data[f"weight_{key}"] = request.POST[key]
    if request.POST.get("method"):
        data["method"] = request.POST["method"]
    form = ProfileForm({key: value for key, value in data.items() if value is not False})
    if form.is_valid():
        saved = _profile_save(request, form, name, what="the sliders' weights as ", origin="from the sliders")
        if saved is not None:
            return saved
    return render(request, "curation/profile_form.html", {"form": form, "current": current}, status=400)


def _profile_save(request, form, name: str, *, what: str = "", origin: str = ""):
    """Store the valid form as profile ``name``'s next version, queue its ranking and redirect to it; None (the
    error put on the form) when the service refuses a value."""
    try:
        saved = profile_save_version(name=name, data=form.profile_data(), owner=request.user)
    except FieldError as error:
        form.add_service_error(error)
        return None
    version = f"{saved.name} v{saved.version}"
    messages.success(request, f"Saved {what}{version}; its ranking is queued.")
    _rerank(request, saved.pk, triggered_by=f"profile {version} saved {origin}".rstrip())
    return redirect(reverse("ranking") + f"?profile={saved.name}")


@curator_required
def evidence_import_view(request):
    """Import evidence from a CSV file: per-row errors, and nothing written unless every row is valid."""
    form = EvidenceImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = evidence_import(content=form.cleaned_data["file"].read(), user=request.user)
        if result.ok:
            messages.success(
                request, f"Imported {result.created} new evidence item(s); {result.unchanged} already recorded."
            )
            if result.created:
                _rerank(request, triggered_by="evidence imported")
            return redirect("history")
    return render(request, "curation/evidence_import.html", {"form": form, "result": result})

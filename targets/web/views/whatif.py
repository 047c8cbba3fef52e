"""The weight sliders: their JSON (re-rank every target under new weights, saving nothing) and "save as
profile" (a curator keeps the sliders' weights as the profile's next version)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from scoring.criteria import CRITERION_KEYS
from scoring.errors import FieldError
from targets.models import ScoringProfile
from targets.ranking.profiles import profile_save_version
from targets.ranking.whatif import what_if
from targets.web.access import curator_required, read_access_required
from targets.web.forms import ProfileForm
from targets.web.views.curation import _rerank as rerank_after_save
from targets.web.whatif_query import parse_what_if


def _error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    fields = {field: [message]} if field else {}
    body = {"error": {"status": status, "code": code, "message": message, "fields": fields}}
    return JsonResponse(body, status=status)


@read_access_required
@require_GET
def ranking_what_if(request):
    """Re-rank under slider weights without saving: JSON rows {symbol, rank, score, contributions, ...}.

    Query: profile (base profile name), criterion keys with new weights (the profile's others kept), method,
    and symbols=A,B,... to return only those rows (ranks are always computed over all targets, as the API's
    what-if does; identifiers matching no target are listed in `unknown`)."""
    profile = request.GET.get("profile") or settings.NICHERANK_DEFAULT_PROFILE
    base = ScoringProfile.objects.filter(name=profile, is_current=True).first()
    try:
        data = {"base_profile": profile}
        if base is not None:
            query = parse_what_if(request.GET, base.weights or {}, base.method, maximum=None)
            if query.errors:
                raise next(iter(query.errors.values()))
            data.update(query.profile_data())
        symbols = [item for item in request.GET.get("symbols", "").split(",") if item.strip()]
        result = what_if(data=data, symbols=symbols or None)
    except FieldError as error:
        return _error(400, "invalid", str(error), error.field)
    rows = [
        {
            "symbol": row.symbol,
            "rank": row.rank,
            "score": row.score,
            "eligible": row.eligible,
            "excluded_reason": row.excluded_reason,
            "contributions": row.contributions,
            "coverage": row.coverage,
        }
        for row in result.ranking.rows
    ]
    weights = dict(result.ranking.profile.weights)
    return JsonResponse({"profile": profile, "weights": weights, "rows": rows, "unknown": result.unknown})


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
        try:
            saved = profile_save_version(name=name, data=form.profile_data(), owner=request.user)
        except ValueError as error:
            form.add_service_error(error)
        else:
            version = f"{saved.name} v{saved.version}"
            messages.success(request, f"Saved the sliders' weights as {version}; its ranking is queued.")
            rerank_after_save(request, saved.pk, triggered_by=f"profile {version} saved from the sliders")
            return redirect(reverse("ranking") + f"?profile={saved.name}")
    return render(request, "curation/profile_form.html", {"form": form, "current": current}, status=400)

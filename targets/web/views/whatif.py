"""The weight sliders' JSON: re-rank every target under new weights, saving nothing."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from scoring.criteria import CRITERION_KEYS
from scoring.errors import FieldError
from targets.models import ScoringProfile
from targets.ranking.whatif import what_if
from targets.web.access import read_access_required


def _error(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    fields = {field: [message]} if field else {}
    body = {"error": {"status": status, "code": code, "message": message, "fields": fields}}
    return JsonResponse(body, status=status)


def _slider_weights(params) -> dict[str, float]:
    weights = {}
    for key in CRITERION_KEYS:
        if key in params:
            try:
                weights[key] = float(params[key])
            except ValueError:
                raise FieldError(f"weights.{key}", f"not a number: {params[key]!r}") from None
    return weights


@read_access_required
@require_GET
def ranking_what_if(request):
    """Re-rank under slider weights without saving: JSON rows {symbol, rank, score, contributions, ...}.

    Query: profile (base profile name), criterion keys with new weights (the profile's others kept), and
    symbols=A,B,... to return only those rows (ranks are always computed over all targets)."""
    profile = request.GET.get("profile") or settings.NICHERANK_DEFAULT_PROFILE
    base = ScoringProfile.objects.filter(name=profile, is_current=True).first()
    try:
        data = {"base_profile": profile}
        weights = _slider_weights(request.GET)
        if weights:
            data["weights"] = {**(base.weights if base else {}), **weights}
        ranking = what_if(data=data).ranking
    except FieldError as error:
        return _error(400, "invalid", str(error), error.field)
    wanted = {s.strip().upper() for s in request.GET.get("symbols", "").split(",") if s.strip()}
    rows = [
        {
            "symbol": row.symbol, "rank": row.rank, "score": row.score, "eligible": row.eligible,
            "excluded_reason": row.excluded_reason, "contributions": row.contributions,
            "coverage": row.coverage,
        }  # fmt: skip
        for row in ranking.rows
        if not wanted or row.symbol in wanted
    ]
    return JsonResponse({"profile": profile, "weights": dict(ranking.profile.weights), "rows": rows})

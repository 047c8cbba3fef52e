"""The weight sliders' JSON: re-rank every target under new weights, saving nothing ("save as profile" is a
curator's form: `targets.web.views.curation.profile_save_weights`)."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from scoring.errors import FieldError
from targets.models import ScoringProfile
from targets.ranking.whatif import what_if
from targets.web.access import read_access_required
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

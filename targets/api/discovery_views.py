"""GET /api/discovery/: the ranked gene universe, paged and filtered, each gene with why it surfaced."""

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from scoring.discovery import discovery_definitions
from targets.api.permissions import ReadOrCurate
from targets.models import UniverseSource
from targets.universe.selectors import FilterError, discovery_scores, latest_run, select_page

MAX_PAGE_SIZE = 500


def _positive(params, name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({name: f"must be a positive integer; got {raw!r}"}) from None
    if value < 1 or (maximum is not None and value > maximum):
        raise ValidationError({name: f"must be between 1 and {maximum or 'any'}; got {value}"})
    return value


class DiscoveryView(APIView):
    """Filters: partner (symbol), side (ligand|receptor), modality (antibody|approved_drug), curated (true|false),
    q (text in symbol or name); page, page_size (<= 500). Constant number of queries whatever the filter."""

    permission_classes = [ReadOrCurate]

    def get(self, request):
        run = latest_run()
        if run is None:
            return Response({"detail": "No discovery run yet: run load_universe and rank_universe."}, status=404)
        page = _positive(request.query_params, "page", 1)
        size = _positive(request.query_params, "page_size", 50, MAX_PAGE_SIZE)
        try:
            scores, filtered = discovery_scores(run, request.query_params)
        except FilterError as error:
            raise ValidationError({"detail": str(error)}) from None
        count, rows = select_page(run, scores, filtered, (page - 1) * size, size)
        return Response(
            {
                "run": {"id": run.pk, "created_at": run.created_at, "genes": run.genes, "weights": run.weights,
                        "stability_samples": run.stability_samples, "input_hash": run.input_hash},
                "sources": list(UniverseSource.objects.values("key", "release", "licence", "sha256", "origin")),
                "criteria": discovery_definitions()["criteria"],
                "count": count,
                "page": page,
                "page_size": size,
                "results": rows,
            }
        )  # fmt: skip

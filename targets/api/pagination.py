"""Page-number pagination with a client-chosen page size (bounded, documented)."""

from rest_framework.pagination import PageNumberPagination

from targets.selectors import RankOrderedIds, ranking_page_rows

MAX_PAGE_SIZE = 1000


class ApiPagination(PageNumberPagination):
    """`?page=N&page_size=M` (M up to 1,000; the default comes from settings)."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class RankingRowsPagination(ApiPagination):
    """A page of ranked rows, with the run they belong to (set `run_data` before paginating)."""

    run_data: dict | None = None

    def paginate_queryset(self, queryset, request, view=None):
        """Page through the rows' ids (narrow, cheap to sort; in rank order straight off the index unless
        another `ordering` is asked for), then fetch the page's rows as plain data."""
        if request.query_params.get("ordering"):
            ids = queryset.values_list("pk", flat=True)
        else:
            ids = RankOrderedIds(queryset)
        return ranking_page_rows(super().paginate_queryset(ids, request, view))

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["run"] = self.run_data
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["run"] = {"$ref": "#/components/schemas/RankingRun"}
        paginated["required"] = [*paginated.get("required", []), "run"]
        return paginated


class RunDiffPagination(ApiPagination):
    """A page of a diff's rows, with both runs and what changed between them (set `summary`)."""

    summary: dict | None = None

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data.update(self.summary or {})
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        run = {"$ref": "#/components/schemas/RankingRun"}
        paginated["properties"].update(
            {
                "run_a": {**run, "description": "the `against` run (before)"},
                "run_b": {**run, "description": "this run (after)"},
                "profile_changed": {"type": "boolean"},
                "data_changed": {"type": "boolean"},
            }
        )
        paginated["required"] = [*paginated.get("required", []), "run_a", "run_b", "profile_changed", "data_changed"]
        return paginated

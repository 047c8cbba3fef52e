"""Template helpers: contribution bars, stage labels, badges, query strings, roles and the chart script."""

from django import template
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

from scoring.stages import STAGE_LABELS
from targets.choices import qualifier_labels
from targets.security.roles import is_curator as user_is_curator
from targets.web.labels import criterion_label as _criterion_label
from targets.web.palette import heat_cell

register = template.Library()


@register.filter
def criterion_label(key) -> str:
    """A criterion key as its label ("tractability_ab" -> its label); other keys as words."""
    return _criterion_label(str(key))


CHART_SCRIPT = "vendor/chartjs/chart.umd.min.js"


@register.filter
def stage_label(code: str) -> str:
    """'phase1/2' -> 'Phase 1/2'; blank -> 'unknown'."""
    return STAGE_LABELS.get(code, "unknown") if code else "unknown"


def _contribution_segments(row, legend):
    """[{label, colour, value, width}] for a stacked bar: each criterion's share of the score (0-100 %)."""
    segments = []
    for item in legend:
        value = (row.contributions or {}).get(item["key"]) or 0.0
        if value > 0:
            segments.append({**item, "value": value, "width": round(value * 100, 2)})
    return segments


@register.simple_tag
def contribution_bar(row, legend) -> str:
    """A stacked bar of each criterion's contribution, labelled for screen readers, values on hover.

    Built in Python rather than a template include: the ranking page draws one per row and must stay fast."""
    segments = _contribution_segments(row, legend)
    score = "—" if row.score is None else f"{row.score:.3f}"
    label = "".join(f" {s['label']} {s['value']:.3f};" for s in segments)
    spans = "".join(
        f'<span class="segment" style="width: {s["width"]}%; background: {s["colour"]}" '
        f'title="{escape(s["label"])}: {s["value"]:.3f}"></span>'
        for s in segments
    )
    return mark_safe(f'<div class="bar" role="img" aria-label="Score {score}:{escape(label)}">{spans}</div>')


@register.filter
def qualifier_words(values) -> list[tuple[str, str]]:
    """Stage qualifiers as (code, words) pairs: 'stopped_harm' -> 'stopped for harm'."""
    return qualifier_labels(values or [])


@register.filter
def fixed(value, digits: int = 3) -> str:
    """A float with a fixed number of decimals ('—' for None); cheaper than floatformat in long tables."""
    return "—" if value is None else f"{float(value):.{int(digits)}f}"


@register.filter
def percent(value) -> str:
    """0.123 -> '12%'; None -> '—'."""
    return "—" if value is None else f"{value * 100:.0f}%"


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None if absent)."""
    return (mapping or {}).get(key)


@register.filter
def is_curator(user) -> bool:
    """Whether the user may see edit controls (curators and admins)."""
    return user_is_curator(user)


@register.filter
def heat(value) -> dict:
    """{missing, background, ink} for a heatmap cell."""
    return heat_cell(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or '' removes one), starting with '?'."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def chart_script_url() -> str:
    """URL of the charting library if it was installed (npm ci), else '' so pages render tables only."""
    return static(CHART_SCRIPT) if finders.find(CHART_SCRIPT) else ""


@register.filter
def signed(value) -> str:
    """+3 / -2 / 0 for rank moves; None -> '—'."""
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


FIRST_DESCENDING = {"score", "coverage"}


@register.inclusion_tag("targets/_sort_header.html", takes_context=True)
def sort_header(context, key: str, label: str, title: str = ""):
    """A column header linking to the table sorted by ``key`` (again: reversed), with aria-sort set."""
    active = context.get("sort") == key
    descending = bool(context.get("descending"))
    next_descending = not descending if active else key in FIRST_DESCENDING
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["sort"] = f"-{key}" if next_descending else key
    return {
        "label": label,
        "title": title,
        "href": f"?{query.urlencode()}",
        "aria_sort": ("descending" if descending else "ascending") if active else "none",
        "arrow": ("▼" if descending else "▲") if active else "",
    }

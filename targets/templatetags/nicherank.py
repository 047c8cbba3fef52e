"""Template helpers: contribution bars, stage labels and qualifier badges."""

from django import template

from scoring.stages import STAGE_LABELS

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    """'phase1/2' -> 'Phase 1/2'; blank -> 'unknown'."""
    return STAGE_LABELS.get(code, "unknown") if code else "unknown"


@register.simple_tag
def contribution_segments(row, legend):
    """[{label, colour, value, width}] for a stacked bar: each criterion's share of the score (0-100 %)."""
    segments = []
    for item in legend:
        value = (row.contributions or {}).get(item["key"]) or 0.0
        if value > 0:
            segments.append({**item, "value": value, "width": round(value * 100, 2)})
    return segments


@register.filter
def percent(value) -> str:
    """0.123 -> '12%'; None -> '—'."""
    return "—" if value is None else f"{value * 100:.0f}%"


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None if absent)."""
    return (mapping or {}).get(key)

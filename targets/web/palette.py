"""Colour-blind-safe colours: one per criterion (Okabe-Ito, then Paul Tol's muted scheme) and a heat scale."""

from scoring.criteria import CRITERIA

COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#882255",
    "#999933",
    "#44AA99",
    "#AA4499",
)

# A single-hue sequential scale (light to dark blue) reads the same with common colour-vision deficiencies.
HEAT_SCALE = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
DARK_FROM = 5  # scale index from which text on the cell must be white


def criterion_legend() -> list[dict[str, str]]:
    """[{key, label, colour}] in criterion order."""
    return [
        {"key": criterion.key, "label": criterion.label, "colour": COLOURS[index % len(COLOURS)]}
        for index, criterion in enumerate(CRITERIA)
    ]


def series_colour(index: int) -> str:
    """The colour of the index-th compared target (same palette, cycled)."""
    return COLOURS[index % len(COLOURS)]


def heat_cell(value: float | None) -> dict:
    """Background and text colour for a 0-1 value; None (missing) gets no colour (the template hatches it)."""
    if value is None:
        return {"missing": True, "background": "", "ink": ""}
    step = min(len(HEAT_SCALE) - 1, max(0, int(round(value * (len(HEAT_SCALE) - 1)))))
    ink = "#fff" if step >= DARK_FROM else "#1b1f23"
    return {"missing": False, "background": HEAT_SCALE[step], "ink": ink}

"""A colour-blind-safe colour per criterion (Okabe-Ito, then Paul Tol's muted scheme)."""

from scoring.criteria import CRITERIA

COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288", "#882255",
    "#44AA99", "#999933", "#AA4499",
)  # fmt: skip


def criterion_legend() -> list[dict[str, str]]:
    """[{key, label, colour}] in criterion order."""
    return [
        {"key": criterion.key, "label": criterion.label, "colour": COLOURS[index % len(COLOURS)]}
        for index, criterion in enumerate(CRITERIA)
    ]

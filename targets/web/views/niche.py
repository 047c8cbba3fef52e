"""The niche map: the axes as ligand-receptor pairs across MSC and AML blast, each side with its rank."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render

from targets.choices import Compartment
from targets.models import Interaction, Target
from targets.web.access import read_access_required
from targets.web.runs import shown_run

# Which column a compartment is drawn in: the stromal side on the left, the leukaemic side on the right.
LEFT = {Compartment.MSC, Compartment.ENDOTHELIUM, Compartment.OTHER}


@dataclass(frozen=True)
class Side:
    """One partner of a pair: the target, where it sits, whether it is the ligand, and its rank."""

    target: Target
    compartment: str
    is_ligand: bool
    rank: int | None
    flags: tuple = ()


@dataclass(frozen=True)
class Pair:
    """A ligand-receptor pair drawn with the stromal side left and the blast side right."""

    left: Side
    right: Side
    note: str
    axis: str

    @property
    def best_rank(self) -> int:
        ranks = [r for r in (self.left.rank, self.right.rank) if r is not None]
        return min(ranks) if ranks else 10**9

    @property
    def arrow(self) -> str:
        return "→" if self.left.is_ligand else "←"


def _side(interaction: Interaction, role: str, ranks: dict[int, int | None], flags: dict[int, list]) -> Side:
    """The ``role`` ("ligand" or "receptor") side of an interaction."""
    target_id = getattr(interaction, f"{role}_id")
    return Side(
        getattr(interaction, role),
        getattr(interaction, f"get_{role}_compartment_display")(),
        role == "ligand",
        ranks.get(target_id),
        tuple(flags.get(target_id, ())),
    )


def _pair(interaction: Interaction, ranks: dict[int, int | None], flags: dict[int, list]) -> Pair:
    ligand = _side(interaction, "ligand", ranks, flags)
    receptor = _side(interaction, "receptor", ranks, flags)
    ligand_left = interaction.ligand_compartment in LEFT or interaction.receptor_compartment not in LEFT
    left, right = (ligand, receptor) if ligand_left else (receptor, ligand)
    return Pair(left, right, interaction.note, interaction.ligand.axis.name)


@read_access_required
def niche_map(request):
    """Pairs ordered by their best-ranked side; unpaired targets listed by compartment with their rank."""
    run = shown_run(request)
    stored = run.rows.values_list("target_id", "rank", "flags") if run else []
    ranks = {target_id: rank for target_id, rank, _ in stored}
    flags = {target_id: row_flags for target_id, _, row_flags in stored}
    interactions = Interaction.objects.select_related("ligand__axis", "receptor__axis")
    pairs = sorted((_pair(i, ranks, flags) for i in interactions), key=lambda p: (p.best_rank, p.left.target.symbol))
    paired = {i.ligand_id for i in interactions} | {i.receptor_id for i in interactions}
    unpaired: dict[str, list] = {label: [] for label in Compartment.labels}
    for target in Target.objects.select_related("axis").exclude(pk__in=paired):
        unpaired[target.get_compartment_display()].append(
            {"target": target, "rank": ranks.get(target.pk), "flags": flags.get(target.pk, [])}
        )
    for items in unpaired.values():
        items.sort(key=lambda item: (item["rank"] is None, item["rank"] or 0, item["target"].symbol))
    return render(
        request,
        "targets/niche_map.html",
        {"run": run, "pairs": pairs, "unpaired": {k: v for k, v in unpaired.items() if v}},
    )

"""Synthetic targets with valid identifiers, for scale tests and the API benchmark.

Assembled here (not biology): symbols SYN<n>, Ensembl ids ENSG9..., UniProt-format accessions Q<d><3><d>,
with role, compartment, stage and modality cycling so that rankings have varied scores."""

from __future__ import annotations

from targets.choices import Compartment, Role, Stage
from targets.models import Axis, Target

_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MODALITIES = ("small molecule", "antibody", "peptide")


def synthetic_uniprot(i: int) -> str:
    """A valid, unique (for i < 466,560) UniProt-format accession: Q<digit><3 alphanumerics><digit>."""
    n = i // 10
    middle = _BASE36[n // 1296 % 36] + _BASE36[n // 36 % 36] + _BASE36[n % 36]
    return f"Q{i % 10}{middle}9"


def synthetic_target(i: int, axis: Axis) -> Target:
    """The i-th synthetic target (unsaved)."""
    stages, compartments, roles = Stage.values, Compartment.values, Role.values
    return Target(
        symbol=f"SYN{i}",
        ensembl_id=f"ENSG{90000000000 + i:011d}",
        uniprot=synthetic_uniprot(i),
        name=f"synthetic target {i}",
        axis=axis,
        compartment=compartments[i % len(compartments)],
        role=roles[i % len(roles)],
        stage_aml=stages[i % 4],
        stage_any=stages[(i * 7) % len(stages)],
        modalities=[{"modality": _MODALITIES[i % len(_MODALITIES)], "qualifier": ""}],
        is_membrane_or_secreted=(i % 3 != 0),
        aml_association=(i % 97) / 97,
        safety_event_count=i % 11,
        loeuf=0.1 + (i % 19) / 10,
    )


def add_synthetic_targets(count: int, *, batch_size: int = 2000) -> None:
    """Insert ``count`` synthetic targets on one synthetic axis."""
    axis, _ = Axis.objects.get_or_create(name="synthetic axis (assembled for scale tests)")
    start = Target.objects.filter(symbol__startswith="SYN").count()
    Target.objects.bulk_create([synthetic_target(i, axis) for i in range(start, start + count)], batch_size=batch_size)

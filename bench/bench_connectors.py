"""Benchmark the connectors against the loopback replay server with 50 ms latency per request.

For 1,000 synthetic targets it prints the requests per target per source, and the wall time of
  * a batched concurrent fetch: the four sources fetched at once by 4 worker *threads* (one per source),
    each source batched (Open Targets 50 targets and 100 symbols per request, ChEMBL 50 ids, ClinicalTrials.gov
    10 drug names, DGIdb 25 genes), and
  * a sequential client fetching one target at a time, source after source.
The sequential client is strictly linear in the number of targets, so by default it runs on a sample
(``--sequential-targets 100``) and is extrapolated to the full set; ``--sequential-targets 1000`` runs it all.

Usage: .venv/bin/python bench/bench_connectors.py [--targets 1000] [--latency 0.05] [--sequential-targets 100]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.replay_server import ReplayServer, Reply, Route, SeenRequest  # noqa: E402
from targets.connectors import chembl, clinicaltrials, dgidb, opentargets  # noqa: E402
from targets.connectors.http import SourceClient, SourceConfig  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "apis"
AML = "acute myeloid leukemia"


@dataclass(frozen=True)
class SyntheticTarget:
    index: int

    @property
    def symbol(self) -> str:
        return f"NR{self.index:04d}"

    @property
    def ensembl_id(self) -> str:
        return f"ENSG9{self.index:010d}"

    @property
    def accession(self) -> str:
        return f"Q9{self.index:04d}"

    @property
    def drug(self) -> str:
        return f"nichemab-{self.index:04d}"


def _fixture(path: str):
    return json.loads((FIXTURES / path).read_text())


class SyntheticSources:
    """Answers every connector request for the synthetic targets, in the genuine formats (from the fixtures)."""

    def __init__(self) -> None:
        batch = _fixture("opentargets/assembled_targets_batch_niche.json")["data"]
        self.meta = batch["meta"]
        self.target_template = next(t for t in batch["targets"] if t["approvedSymbol"] == "CXCR4")
        self.association_template = _fixture("opentargets/assembled_associations_aml.json")["data"]["disease"][
            "associatedTargets"
        ]["rows"][0]
        self.chembl_target = _fixture("chembl/assembled_target_cxcr4.json")["targets"][0]
        self.mechanism = _fixture("chembl/assembled_mechanisms_cxcr4_page1.json")["mechanisms"][0]
        self.molecule = _fixture("chembl/assembled_molecules.json")["molecules"][0]
        self.indication = _fixture("chembl/assembled_drug_indications.json")["drug_indications"][0]
        self.study = _fixture("clinicaltrials/assembled_aml_cxcr4_page1.json")["studies"][0]
        self.gene = _fixture("dgidb/assembled_genes_niche_page1.json")["data"]["genes"]["nodes"][0]

    def routes(self) -> list[Route]:
        return [
            Route("POST", "/ot/graphql", self.opentargets),
            Route("GET", "/chembl/api/data/target.json", self.chembl_targets),
            Route("GET", "/chembl/api/data/mechanism.json", self.chembl_mechanisms),
            Route("GET", "/chembl/api/data/molecule.json", self.chembl_molecules),
            Route("GET", "/chembl/api/data/drug_indication.json", self.chembl_indications),
            Route("GET", "/ctgov/api/v2/studies", self.studies),
            Route("POST", "/dgidb/graphql", self.dgidb),
        ]

    # Open Targets
    def opentargets(self, seen: SeenRequest) -> Reply:
        body = seen.json()
        variables = body["variables"]
        if "query MapIds(" in body["query"]:
            data = {"mapIds": {"mappings": [self._mapping(term) for term in variables["terms"]]}}
        elif "query TargetProfiles(" in body["query"]:
            data = {"targets": [self._target(i) for i in variables["ensemblIds"]]}
        else:
            rows = [self._association(i) for i in variables["ensemblIds"]]
            disease = {
                "id": variables["diseaseId"],
                "name": AML,
                "associatedTargets": {"count": len(rows), "rows": rows},
            }
            data = {"disease": disease}
        return Reply.json({"data": {"meta": self.meta, **data}})

    def _mapping(self, term: str) -> dict:
        if term == AML:
            return {"term": term, "hits": [{"id": "MONDO_0018874", "name": AML, "entity": "disease"}]}
        index = int(term[2:])
        return {"term": term, "hits": [{"id": SyntheticTarget(index).ensembl_id, "name": term, "entity": "target"}]}

    def _target(self, ensembl_id: str) -> dict:
        target = copy.deepcopy(self.target_template)
        target["id"] = ensembl_id
        target["approvedSymbol"] = SyntheticTarget(int(ensembl_id[5:])).symbol
        for row in target["drugAndClinicalCandidates"]["rows"]:
            row["id"] = f"{row['drug']['id']}_{ensembl_id}"
        return target

    def _association(self, ensembl_id: str) -> dict:
        row = copy.deepcopy(self.association_template)
        row["target"] = {"id": ensembl_id, "approvedSymbol": SyntheticTarget(int(ensembl_id[5:])).symbol}
        return row

    # ChEMBL
    def _page(self, key: str, rows: list[dict]) -> Reply:
        meta = {"limit": 1000, "next": None, "offset": 0, "previous": None, "total_count": len(rows)}
        return Reply.json({key: rows, "page_meta": meta})

    @staticmethod
    def _ids(seen: SeenRequest, name: str) -> list[str]:
        return parse_qs(f"x={seen.param(name)}")["x"][0].split(",")

    def chembl_targets(self, seen: SeenRequest) -> Reply:
        rows = []
        for accession in self._ids(seen, "target_components__accession__in"):
            row = copy.deepcopy(self.chembl_target)
            row["target_chembl_id"] = f"CHEMBL9{accession[2:]}"
            row["target_components"][0]["accession"] = accession
            rows.append(row)
        return self._page("targets", rows)

    def chembl_mechanisms(self, seen: SeenRequest) -> Reply:
        rows = []
        for target_id in self._ids(seen, "target_chembl_id__in"):
            index = target_id[7:]
            rows.append(
                self.mechanism
                | {
                    "target_chembl_id": target_id,
                    "molecule_chembl_id": f"CHEMBL7{index}",
                    "parent_molecule_chembl_id": f"CHEMBL8{index}",
                }
            )
        return self._page("mechanisms", rows)

    def chembl_molecules(self, seen: SeenRequest) -> Reply:
        rows = []
        for molecule_id in self._ids(seen, "molecule_chembl_id__in"):
            parent = "CHEMBL8" + molecule_id[7:]
            hierarchy = {"active_chembl_id": parent, "molecule_chembl_id": molecule_id, "parent_chembl_id": parent}
            rows.append(self.molecule | {"molecule_chembl_id": molecule_id, "molecule_hierarchy": hierarchy})
        return self._page("molecules", rows)

    def chembl_indications(self, seen: SeenRequest) -> Reply:
        rows = [
            self.indication | {"molecule_chembl_id": m, "parent_molecule_chembl_id": m}
            for m in self._ids(seen, "molecule_chembl_id__in")
            if m.startswith("CHEMBL8")
        ]
        return self._page("drug_indications", rows)

    # ClinicalTrials.gov
    def studies(self, seen: SeenRequest) -> Reply:
        names = [part.strip().strip('"') for part in seen.param("query.intr").split(" OR ")]
        studies = []
        for name in names:
            study = copy.deepcopy(self.study)
            protocol = study["protocolSection"]
            protocol["identificationModule"]["nctId"] = f"NCT9{name[-4:]}001"
            protocol["armsInterventionsModule"]["interventions"][0]["name"] = name
            studies.append(study)
        return Reply.json({"studies": studies, "totalCount": len(studies)})

    # DGIdb
    def dgidb(self, seen: SeenRequest) -> Reply:
        names = seen.json()["variables"]["names"]
        nodes = [self.gene | {"name": name} for name in names]
        page_info = {"hasNextPage": False, "endCursor": "MQ"}
        return Reply.json({"data": {"genes": {"nodes": nodes, "pageInfo": page_info}}})


class Clients:
    """One client per source, all pointed at the replay server; requests are counted per source."""

    def __init__(self, base_url: str) -> None:
        def http(name: str, path: str) -> SourceClient:
            return SourceClient(SourceConfig(name=name, base_url=base_url + path, min_interval=0.0))

        self.opentargets = opentargets.OpenTargetsClient(http("opentargets", "/ot/graphql"))
        self.chembl = chembl.ChemblClient(http("chembl", "/chembl/api/data"))
        self.clinicaltrials = clinicaltrials.ClinicalTrialsClient(http("clinicaltrials", "/ctgov/api/v2"))
        self.dgidb = dgidb.DgidbClient(http("dgidb", "/dgidb/graphql"))

    def counts(self) -> dict[str, int]:
        return {
            "opentargets": self.opentargets.http.requests_sent,
            "chembl": self.chembl.http.requests_sent,
            "clinicaltrials": self.clinicaltrials.http.requests_sent,
            "dgidb": self.dgidb.http.requests_sent,
        }

    def close(self) -> None:
        for client in (self.opentargets, self.chembl, self.clinicaltrials, self.dgidb):
            client.http.close()


def fetch_opentargets(ot: opentargets.OpenTargetsClient, targets: list[SyntheticTarget]) -> int:
    mapped = ot.map_symbols([t.symbol for t in targets])
    ids = [m.ensembl_id for m in mapped.values()]
    disease = ot.resolve_disease_id(AML)
    profiles = ot.fetch_targets(ids)
    scores = ot.fetch_associations(disease, ids)
    return len(profiles) + len(scores)


def fetch_chembl(client: chembl.ChemblClient, targets: list[SyntheticTarget]) -> int:
    by_accession = client.targets_for_accessions([t.accession for t in targets])
    mechanisms = client.mechanisms_for_targets([x.target_chembl_id for xs in by_accession.values() for x in xs])
    ids = chembl.molecule_ids(mechanisms)
    return len(client.molecules(ids)) + len(client.indications(ids))


def fetch_clinicaltrials(client: clinicaltrials.ClinicalTrialsClient, targets: list[SyntheticTarget]) -> int:
    return sum(len(trials) for trials in client.trials_for_drugs([t.drug for t in targets]).by_drug.values())


def fetch_dgidb(client: dgidb.DgidbClient, targets: list[SyntheticTarget]) -> int:
    return len(client.fetch_genes([t.symbol for t in targets]))


def batched_concurrent(clients: Clients, targets: list[SyntheticTarget]) -> float:
    """All four sources at once, 4 worker threads (one per source), each source batched."""
    jobs = [
        (fetch_opentargets, clients.opentargets),
        (fetch_chembl, clients.chembl),
        (fetch_clinicaltrials, clients.clinicaltrials),
        (fetch_dgidb, clients.dgidb),
    ]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = [pool.submit(job, client, targets) for job, client in jobs]
        assert all(future.result() > 0 for future in results)
    return time.perf_counter() - start


def sequential(clients: Clients, targets: list[SyntheticTarget]) -> float:
    """One target at a time, each source in turn, one thread."""
    start = time.perf_counter()
    disease = clients.opentargets.resolve_disease_id(AML)
    for target in targets:
        ensembl_id = clients.opentargets.map_symbols([target.symbol])[target.symbol].ensembl_id
        clients.opentargets.fetch_targets([ensembl_id])
        clients.opentargets.fetch_associations(disease, [ensembl_id])
        fetch_chembl(clients.chembl, [target])
        fetch_clinicaltrials(clients.clinicaltrials, [target])
        fetch_dgidb(clients.dgidb, [target])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every answer")
    parser.add_argument("--sequential-targets", type=int, default=100)
    args = parser.parse_args()
    targets = [SyntheticTarget(i) for i in range(args.targets)]
    sample = targets[: args.sequential_targets]

    with ReplayServer(SyntheticSources().routes(), latency=args.latency) as server:
        batched_clients = Clients(server.base_url)
        batched_time = batched_concurrent(batched_clients, targets)
        batched_counts = batched_clients.counts()
        batched_clients.close()

        sequential_clients = Clients(server.base_url)
        sample_time = sequential(sequential_clients, sample)
        sequential_counts = sequential_clients.counts()
        sequential_clients.close()

    sequential_time = sample_time * len(targets) / len(sample)
    print(
        f"{len(targets)} synthetic targets, {args.latency * 1000:.0f} ms latency per request (loopback replay server)"
    )
    print(
        f"{'source':<16}{'batched requests':>18}{'per target':>12}{'targets/request':>17}{'sequential per target':>23}"
    )
    for source, count in batched_counts.items():
        per_target_sequential = sequential_counts[source] / len(sample)
        print(
            f"{source:<16}{count:>18}{count / len(targets):>12.3f}{len(targets) / count:>17.1f}"
            f"{per_target_sequential:>23.2f}"
        )
    total_batched = sum(batched_counts.values())
    print(f"{'all':<16}{total_batched:>18}{total_batched / len(targets):>12.3f}")
    print(f"batched concurrent (4 worker threads, one per source): {batched_time:8.2f} s")
    measured = "measured" if len(sample) == len(targets) else f"extrapolated from {len(sample)} targets"
    print(f"sequential one target at a time ({measured}): {sequential_time:8.2f} s")
    print(f"speed-up: {sequential_time / batched_time:.1f}x (goal >= 5x)")
    ot_ratio = len(targets) / batched_counts["opentargets"]
    print(f"Open Targets: 1 request per {ot_ratio:.1f} targets (goal: at most 1 per 25)")


if __name__ == "__main__":
    main()

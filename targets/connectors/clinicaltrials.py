"""ClinicalTrials.gov API v2 (REST): AML/MDS trials by intervention names or by term, to the last page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from scoring.stages import from_clinicaltrials
from targets.connectors import records as r
from targets.connectors.http import SourceClient, SourceConfig
from targets.connectors.shape import Node
from targets.connectors.util import chunked, unique

SOURCE = "clinicaltrials"
DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
AML_MDS_CONDITION = "acute myeloid leukemia OR myelodysplastic syndrome"
FIELDS = (
    "NCTId",
    "BriefTitle",
    "OverallStatus",
    "Phase",
    "StartDate",
    "LastUpdatePostDate",
    "EnrollmentCount",
    "EnrollmentType",
    "InterventionType",
    "InterventionName",
    "InterventionOtherName",
    "Condition",
    "LeadSponsorName",
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def default_config(**overrides) -> SourceConfig:
    """The production configuration (about 50 requests/minute is tolerated: one every 1.2 s)."""
    return SourceConfig(**{"name": SOURCE, "base_url": DEFAULT_BASE_URL, "min_interval": 1.2, **overrides})


@dataclass(frozen=True, kw_only=True)
class DrugTrials:
    """Trials found for a batch of drug names, attributed to the names their interventions mention.

    ``unattributed`` holds trials the registry matched (e.g. through a synonym) that name none of the drugs.
    """

    by_drug: dict[str, tuple[r.Trial, ...]]
    unattributed: tuple[r.Trial, ...]


class ClinicalTrialsClient:
    """Study searches; ``release`` is stamped on records when the caller knows it."""

    def __init__(
        self,
        http: SourceClient,
        *,
        page_size: int = 200,
        names_per_query: int = 10,
        release: str | None = None,
    ):
        if not 1 <= page_size <= 1000:
            raise ValueError("page_size must be between 1 and 1000")
        self.http = http
        self.page_size = page_size
        self.names_per_query = names_per_query
        self.release = release

    def search(
        self,
        *,
        condition: str | None = AML_MDS_CONDITION,
        intervention: str | None = None,
        term: str | None = None,
        statuses: Iterable[str] = (),
    ) -> list[r.Trial]:
        """All studies matching the query, reading every page (``nextPageToken``) to the end."""
        params = {"query.cond": condition, "query.intr": intervention, "query.term": term}
        params = {key: value for key, value in params.items() if value}
        if statuses:
            params["filter.overallStatus"] = ",".join(statuses)
        return [parse_study(study, self.release) for study in self.studies(params)]

    def trials_for_drugs(self, drug_names: Iterable[str], *, condition: str | None = AML_MDS_CONDITION) -> DrugTrials:
        """Trials of the named drugs in a condition (AML/MDS by default), several names per request."""
        names = unique(drug_names)
        by_drug: dict[str, dict[str, r.Trial]] = {name: {} for name in names}
        unattributed: dict[str, r.Trial] = {}
        for batch in chunked(names, self.names_per_query):
            expression = " OR ".join(f'"{name}"' for name in batch)
            for trial in self.search(condition=condition, intervention=expression):
                matched = [name for name in batch if trial.mentions_drug(name)]
                for name in matched:
                    by_drug[name][trial.nct_id] = trial
                if not matched:
                    unattributed[trial.nct_id] = trial
        return DrugTrials(
            by_drug={name: tuple(trials.values()) for name, trials in by_drug.items()},
            unattributed=tuple(unattributed.values()),
        )

    def studies(self, params: Mapping[str, Any]) -> Iterator[Node]:
        """Raw study nodes of every page; later pages repeat the query with the previous ``nextPageToken``."""
        query = {**params, "fields": "|".join(FIELDS), "pageSize": self.page_size, "countTotal": "true"}
        while True:
            page = Node(SOURCE, self.http.get_json("studies", params=query)).as_object()
            yield from page.list("studies")
            token = page.str("nextPageToken", optional=True)
            if not token:
                return
            query = {**query, "pageToken": token}


def parse_partial_date(node: Node | None, key: str) -> r.PartialDate | None:
    """A ``*DateStruct`` date kept as given ("2015-08" stays month precision)."""
    if node is None:
        return None
    struct = node.child(key, optional=True)
    if struct is None:
        return None
    text = struct.str("date")
    if not _DATE.match(text):
        raise struct.fail(f"unexpected date format {text!r}", f"{struct.path}.date")
    return r.PartialDate(text=text, precision=_PRECISION[len(text)])


def parse_study(study: Node, release: str | None = None) -> r.Trial:
    """A Trial from one element of ``studies`` (or a ``/studies/{nctId}`` answer)."""
    protocol = study.as_object().child("protocolSection")
    identification = protocol.child("identificationModule")
    status = protocol.child("statusModule", optional=True)
    design = protocol.child("designModule", optional=True)
    enrollment = design.child("enrollmentInfo", optional=True) if design else None
    arms = protocol.child("armsInterventionsModule", optional=True)
    conditions = protocol.child("conditionsModule", optional=True)
    sponsors = protocol.child("sponsorCollaboratorsModule", optional=True)
    lead = sponsors.child("leadSponsor", optional=True) if sponsors else None
    phases = design.strings("phases", optional=True) if design else ()
    try:
        stage = from_clinicaltrials(phases)
    except ValueError as error:
        raise design.fail(str(error), f"{design.path}.phases") from None
    return r.Trial(
        nct_id=identification.str("nctId"),
        title=identification.str("briefTitle", optional=True) or "",
        phases=phases,
        stage=stage,
        overall_status=status.str("overallStatus", optional=True) if status else None,
        start_date=parse_partial_date(status, "startDateStruct"),
        last_update=parse_partial_date(status, "lastUpdatePostDateStruct"),
        enrollment=enrollment.int("count", optional=True) if enrollment else None,
        enrollment_type=enrollment.str("type", optional=True) if enrollment else None,
        interventions=tuple(
            r.Intervention(
                type=item.str("type", optional=True),
                name=item.str("name"),
                other_names=item.strings("otherNames", optional=True),
            )
            for item in (arms.list("interventions", optional=True) if arms else [])
        ),
        conditions=conditions.strings("conditions", optional=True) if conditions else (),
        lead_sponsor=lead.str("name", optional=True) if lead else None,
        provenance=r.Provenance.of(SOURCE, release, study.value),
    )

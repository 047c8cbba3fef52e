"""The one attribution rule across ligand-receptor pairs (docs/catalogue.md).

For each pair of interactions.csv, every *direct* agent of one side is credited to the other side as a derived
``via_partner`` agent acting on that side (plerixafor binds CXCR4, so it reaches CXCL12 "via CXCR4"). A curated
row always wins: no agent is derived onto a target whose agents table already names that drug."""

from __future__ import annotations

from dataclasses import dataclass

from targets.catalogue.side_files import AgentRow, InteractionRow
from targets.choices import Attribution


@dataclass(frozen=True)
class DerivedAgent:
    """An agent credited to ``symbol`` because it acts directly on its partner ``agent.symbol``."""

    symbol: str
    agent: AgentRow

    @property
    def acts_on(self) -> str:
        return self.agent.symbol

    @property
    def note(self) -> str:
        return (
            f"Derived by the pair rule: {self.agent.agent} acts directly on {self.acts_on}, the interaction partner "
            f"of {self.symbol} (agents table line {self.agent.line})."
        )


def derived_partner_agents(agents: list[AgentRow], interactions: list[InteractionRow]) -> list[DerivedAgent]:
    """The via_partner agents the pair rule adds, one per (target, drug), in a stable order."""
    named = {(agent.symbol, agent.agent.lower()) for agent in agents}
    direct: dict[str, list[AgentRow]] = {}
    for agent in agents:
        if agent.attribution == Attribution.DIRECT:
            direct.setdefault(agent.symbol, []).append(agent)
    derived: dict[tuple[str, str], DerivedAgent] = {}
    pairs = sorted({(row.ligand, row.receptor) for row in interactions})
    for one, other in pairs + [(receptor, ligand) for ligand, receptor in pairs]:
        for agent in direct.get(one, []):
            key = (other, agent.agent.lower())
            if key not in named and key not in derived:
                derived[key] = DerivedAgent(other, agent)
    return [derived[key] for key in sorted(derived)]

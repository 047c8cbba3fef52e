"""The NicheRank Django app: targets, axes, evidence, drugs, trials, provenance and ranking runs."""

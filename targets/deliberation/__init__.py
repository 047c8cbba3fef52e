"""Team deliberation on targets: comments, stances, team decisions, shortlists, each change logged."""

"""Loading the gene universe from the open data files in data/open-data/ (see data/README.md)."""

"""Reading the curated seed catalogue: strict parsing, then an all-or-nothing load."""

"""Connectors to the external sources (Open Targets, ChEMBL, ClinicalTrials.gov, DGIdb).

Plain Python with no Django import: HTTP through one configured session per source, parsing into frozen
dataclasses (``records``), and a small error model (``errors``). The Django refresh services call these.
"""

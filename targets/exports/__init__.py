"""Ranking exports (CSV, XLSX, JSON): one table, one metadata block, one builder for both faces."""

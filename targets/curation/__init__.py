"""Curators' writes that are more than one form: importing a team's own evidence from CSV."""

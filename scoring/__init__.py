"""NicheRank's scoring engine: pure Python and numpy, no Django.

Rows of target facts become one criteria matrix in `scoring.criteria`; the rest works on arrays.
"""

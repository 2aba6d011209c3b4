"""Access-matrix rows of the budget pages (see tests/test_access_matrix.py for the format)."""

ROWS = {}

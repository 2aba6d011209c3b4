"""Access-matrix rows of the registration pages (see tests/test_access_matrix.py for the format)."""

ROWS = {}

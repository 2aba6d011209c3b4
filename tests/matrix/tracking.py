"""Access-matrix rows of the tracking pages (see tests/test_access_matrix.py for the format)."""

ROWS = {}
